"""Every kind of mistake a workbook can carry is listed, by sheet, row and column; none writes."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime

import openpyxl
import pytest
from sqlalchemy import select

from registry.agreements.models import Agreement
from registry.extensions import db
from registry.imports.services import run_import
from registry.imports.spec import headers
from registry.models_base import utcnow
from registry.parties.models import Party
from registry.topics.models import Topic
from tests.factories import make_agreement, municipality
from tests.imports.conftest import build_workbook
from tests.imports.test_import import database_state
from tests.imports.workbooks import CANCELLED, CONVENIO, ENSENADA, MESA, RECORRIDO

A, M = "Instrumentos", "Reuniones"


def agreement_row(folio: str, **changes) -> dict:
    return {**CONVENIO, "folio": folio, **changes}


def meeting_row(folio: str, **changes) -> dict:
    return {**RECORRIDO, "folio": folio, **changes}


#: (row as written, the column its error is reported on, a piece of the reason).
AGREEMENT_MISTAKES = [
    (agreement_row("E-01", tipo="acuerdo"), "tipo", "alianza, hermanamiento, convenio"),
    (agreement_row("E-02", estatus="vigente"), "estatus", "«vigente» no es un valor válido"),
    (agreement_row("E-03", temas="Agua; Astronomía"), "temas", "«Astronomía» no está en la lista"),
    (agreement_row("E-04", contrapartes="Atlantis"), "contrapartes", "regístrela primero"),
    (agreement_row("E-05", contrapartes="20999"), "contrapartes", "clave INEGI 20999"),
    (agreement_row("E-06", contrapartes="20067"), "contrapartes", "el propio municipio"),
    (
        agreement_row("E-07", contrapartes="SOAPA"),
        "contrapartes",
        "¿Quiso decir «Sistema Operador de los Servicios de Agua Potable»?",
    ),
    (
        agreement_row("E-08", contrapartes="20157; San Jacinto Amilpas"),
        "contrapartes",
        "aparece dos veces",
    ),
    (agreement_row("E-09", contrapartes=None), "contrapartes", "al menos una contraparte"),
    (agreement_row("E-10", titulo=None), "titulo", "obligatoria"),
    (agreement_row("E-11", fecha_intencion="2025-02-30"), "fecha_intencion", "no existe"),
    (agreement_row("E-12", fecha_intencion="10/04/2025"), "fecha_intencion", "AAAA-MM-DD"),
    (agreement_row("E-13", fecha_firma=12345678), "fecha_firma", "no es una fecha"),
    (agreement_row("E-13b", fecha_firma=2025), "fecha_firma", "«2025» no es una fecha"),
    (agreement_row("E-14", fecha_firma="2099-01-01"), "fecha_firma", "posterior a hoy"),
    (
        agreement_row("E-15", fecha_firma="2025-04-01"),
        "fecha_firma",
        "anterior a la de fecha_intencion",
    ),
    (agreement_row("E-16", fecha_firma=None), "estatus", "fecha_firma está vacía"),
    (agreement_row("E-17", estatus="intencion"), "estatus", "acto posterior: fecha_firma"),
    (
        agreement_row("E-18", estatus="cancelado", fecha_cancelacion="2025-06-01"),
        "motivo",
        "motivo de la cancelación",
    ),
    (agreement_row("E-19", motivo="Sin razón"), "motivo", "no fecha_cancelacion"),
    (
        agreement_row("E-20", estatus="concluido", fecha_firma=None, fecha_conclusion="2025-06-01"),
        "fecha_conclusion",
        "Solo un instrumento firmado o ratificado puede concluir",
    ),
    (
        agreement_row(
            "E-21",
            estatus="cancelado",
            fecha_intencion=None,
            fecha_firma=None,
            fecha_cancelacion="2025-06-01",
            motivo="Desistió",
        ),
        "fecha_cancelacion",
        "llene también la fecha del acto anterior",
    ),
    (
        agreement_row(
            "E-22",
            estatus="cancelado",
            fecha_conclusion="2025-06-01",
            fecha_cancelacion="2025-06-01",
            motivo="x",
        ),
        "fecha_cancelacion",
        "termina de una sola forma",
    ),
    # Refused by the agreements service itself (the apply phase), on the right column:
    (
        agreement_row("E-23", vigencia_inicio="2027-12-31", vigencia_fin="2025-01-01"),
        "vigencia_fin",
        "anterior a su inicio",
    ),
    (agreement_row("E-24" + "X" * 30), "folio", "máximo 30 caracteres"),
    (agreement_row("HER-2025-002"), "folio", "ya aparece en la fila 2"),
    # Issue 15: a folio names files and headers; checked here as on the forms.
    (agreement_row("A\";FILENAME*=UTF-8''B.HTML"), "folio", "solo puede llevar letras"),
]

MEETING_MISTAKES = [
    (meeting_row("R-01", tipo="asamblea"), "tipo", "reunion_trabajo"),
    (meeting_row("R-02", indicador="99"), "indicador", "No existe el indicador MIR «99»"),
    (meeting_row("R-03", fechas="2025-05-15; 2025-13-01"), "fechas", "«2025-13-01» no existe"),
    (meeting_row("R-04", fechas=None), "fechas", "al menos una fecha"),
    (meeting_row("R-05", participantes="20157; Atlantis"), "participantes", "«Atlantis»"),
    (meeting_row("R-06", evidencia="www.facebook.com/post"), "evidencia", "https://"),
    (meeting_row("R-07", temas="Astronomía"), "temas", "«Astronomía»"),
    (meeting_row("R-08", estado="celebrada"), "estado", "programada"),
    (meeting_row("R-09", estado="cancelada"), "motivo", "motivo de la cancelación"),
    (
        meeting_row("R-10", estado="realizada", fechas="2099-01-01"),
        "estado",
        "todas sus fechas por venir",
    ),
    (meeting_row("REU-2025-003"), "folio", "ya aparece en la fila 2"),
    (meeting_row("REU-2025\r\n003"), "folio", "solo puede llevar letras"),
]


def test_every_mistake_is_listed_where_it_is_and_nothing_is_written(seeds):
    content = build_workbook(
        [ENSENADA, *(row for row, _column, _reason in AGREEMENT_MISTAKES), CANCELLED],
        [MESA, *(row for row, _column, _reason in MEETING_MISTAKES)],
    )
    before = database_state()

    result = run_import(content)
    db.session.commit()

    assert database_state() == before
    expected = [(A, n, column) for n, (_r, column, _m) in enumerate(AGREEMENT_MISTAKES, start=3)]
    expected += [(M, n, column) for n, (_r, column, _m) in enumerate(MEETING_MISTAKES, start=3)]
    issues = result.sorted_issues()
    assert [(i.sheet, i.row, i.column) for i in issues] == expected
    reasons = [reason for _row, _column, reason in AGREEMENT_MISTAKES + MEETING_MISTAKES]
    for issue, reason in zip(issues, reasons, strict=True):
        assert reason in issue.message, (issue, reason)
    # The good rows around the bad ones were checked too, and nothing was kept of them.
    assert {o.folio for o in result.outcomes} >= {"HER-2025-002", "ALI-2025-001", "REU-2025-003"}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "está vacío"),
        (b"folio,tipo\nHER-1,convenio\n", "no es un libro de Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "formato antiguo de Excel (.xls)"),
        (b"PK\x03\x04 broken zip", "no es un libro de Excel"),
    ],
    ids=["empty", "csv", "xls", "broken-zip"],
)
def test_a_file_that_is_not_an_xlsx_workbook_is_refused(seeds, content, reason):
    result = run_import(content)
    assert [(i.sheet, i.row, i.column) for i in result.issues] == [(None, None, None)]
    assert reason in result.issues[0].message


def test_a_zip_that_is_not_a_workbook_is_refused(seeds):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("documento.txt", "hola")
    result = run_import(buffer.getvalue())
    assert "no es un libro de Excel" in result.issues[0].message


def test_a_missing_sheet_and_missing_headers_are_one_clear_error_each(seeds):
    headers = [h for h in openpyxl_headers(A) if h not in ("estatus", "fecha_firma")]
    content = build_workbook([CONVENIO], agreement_headers=headers, sheets=(A,))
    result = run_import(content)
    issues = result.sorted_issues()
    assert [(i.sheet, i.row, i.column) for i in issues] == [(A, 1, None), (M, None, None)]
    assert "Faltan columnas en la fila de encabezados (fila 1): estatus, fecha_firma" in (
        issues[0].message
    )
    assert issues[1].message == "Falta la hoja «Reuniones»."


def openpyxl_headers(sheet: str) -> list[str]:
    from registry.imports.spec import headers

    return headers(sheet)


def test_columns_in_any_order_extra_ones_ignored_names_forgiving_of_case_and_accents(seeds):
    headers = ["Notas internas", *reversed(openpyxl_headers(A))]
    headers[headers.index("titulo")] = " Título "
    row = {**CONVENIO, " Título ": CONVENIO["titulo"], "Notas internas": "no se importa"}
    content = build_workbook([row], [MESA], agreement_headers=headers)
    result = run_import(content)
    db.session.commit()
    assert result.ok, result.issues
    agreement = db.session.scalar(select(Agreement))
    assert agreement.title == CONVENIO["titulo"] and agreement.notes is None


def test_a_repeated_header_is_an_error(seeds):
    headers = [*openpyxl_headers(M), "folio"]
    result = run_import(build_workbook([], [MESA], meeting_headers=headers))
    assert [(i.sheet, i.row, i.column) for i in result.issues] == [(M, 1, "folio")]


def test_blank_rows_are_skipped_and_row_numbers_are_excels(seeds):
    book = openpyxl.Workbook()
    agreements = book.active
    agreements.title = A
    agreements.append(openpyxl_headers(A))
    agreements.append([None] * 5)
    agreements.append([CONVENIO.get(h) for h in openpyxl_headers(A)])
    agreements.append([])
    agreements.append(
        [{**CONVENIO, "folio": "X-1", "tipo": "otro"}.get(h) for h in openpyxl_headers(A)]
    )
    book.create_sheet(M).append(openpyxl_headers(M))
    buffer = io.BytesIO()
    book.save(buffer)
    result = run_import(buffer.getvalue())
    assert [(i.row, i.column) for i in result.issues] == [(5, "tipo")]


def test_excel_serial_numbers_and_date_cells_are_dates(seeds):
    row = {**CONVENIO, "fecha_intencion": 45757, "fecha_firma": datetime(2025, 5, 9, 0, 0)}
    assert run_import(build_workbook([row], [MESA])).ok
    db.session.commit()
    agreement = db.session.scalar(select(Agreement))
    assert agreement.status_changes[0].acted_on == date(2025, 4, 10)


def test_inactive_parties_and_topics_are_refused_for_new_records(seeds):
    party = municipality("20157")
    party.active = False
    db.session.scalar(select(Topic).where(Topic.name == "Agua")).active = False
    db.session.commit()
    result = run_import(build_workbook([CONVENIO], [MESA]))
    messages = {i.column: i.message for i in result.issues}
    assert "desactivada en el catálogo" in messages["contrapartes"]
    assert "«Agua» está desactivado" in messages["temas"]


def test_inactive_parties_stay_accepted_on_records_that_already_name_them(seeds):
    assert run_import(build_workbook([CONVENIO], [MESA])).ok
    db.session.commit()
    municipality("20157").active = False
    db.session.commit()
    result = run_import(build_workbook([{**CONVENIO, "titulo": "Nuevo título"}], [MESA]))
    assert result.ok, result.issues


def test_homonymous_municipalities_need_their_inegi_key(seeds):
    for cvegeo in ("20208", "20209"):
        db.session.add(
            Party(kind="municipio", name="San Juan Mixtepec", cvegeo=cvegeo, state="Oaxaca")
        )
    db.session.commit()
    result = run_import(build_workbook([{**CONVENIO, "contrapartes": "San Juan Mixtepec"}], []))
    assert "(20208, 20209): escriba la clave INEGI" in result.issues[0].message
    result = run_import(build_workbook([{**CONVENIO, "contrapartes": "20209"}], [MESA]))
    assert result.ok


def test_a_folio_in_the_recycle_bin_is_an_error(seeds):
    agreement = make_agreement(folio="CON-2025-001")
    agreement.deleted_at = utcnow()
    db.session.commit()
    result = run_import(build_workbook([CONVENIO], [MESA]))
    assert [(i.column, "papelera" in i.message) for i in result.issues] == [("folio", True)]


def test_a_workbook_that_inflates_too_much_is_refused_before_it_is_read(seeds, monkeypatch):
    from registry.imports import reader

    content = build_workbook([CONVENIO], [MESA])
    monkeypatch.setattr(reader, "MAX_UNCOMPRESSED_BYTES", len(content))
    monkeypatch.setattr(reader.openpyxl, "load_workbook", None)  # never reached
    result = run_import(content)
    assert "demasiado grande" in result.issues[0].message


def test_a_sheet_longer_than_the_limit_is_refused(seeds, monkeypatch):
    from registry.imports import reader

    monkeypatch.setattr(reader, "MAX_ROWS", 2)
    rows = [{**CONVENIO, "folio": f"CON-2025-{n:03d}"} for n in range(1, 4)]
    result = run_import(build_workbook(rows, [MESA]))
    assert [(i.sheet, i.row) for i in result.issues] == [(A, None)]
    assert "llega hasta la fila 4 y se admiten 2 filas" in result.issues[0].message


def with_sheet_xml(content: bytes, sheet: str, change) -> bytes:
    """``content`` with the XML of the sheet named ``sheet`` passed through ``change``."""
    import re

    source = zipfile.ZipFile(io.BytesIO(content))
    book = source.read("xl/workbook.xml").decode()
    number = re.findall(r'<sheet [^>]*name="([^"]+)"', book).index(sheet) + 1
    target = io.BytesIO()
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == f"xl/worksheets/sheet{number}.xml":
                data = change(data.decode()).encode()
            copy.writestr(item, data)
    return target.getvalue()


STRAY = '<row r="1000001"><c r="A1000001" t="inlineStr"><is><t>x</t></is></c></row>'


def stray_cell(xml: str) -> str:
    """A header, the rows, and one cell on row 1,000,001 (the sheet's size says so)."""
    import re

    xml = re.sub(r'<dimension ref="[^"]*"', '<dimension ref="A1:X1000001"', xml)
    return xml.replace("</sheetData>", STRAY + "</sheetData>")


def a_million_empty_rows(xml: str) -> str:
    """A million empty rows and then a stray cell, and no dimension to tell the sheet's size."""
    import re

    xml = re.sub(r"<dimension [^>]*/>", "", xml)
    empty = "".join(f'<row r="{n}"/>' for n in range(3, 1_000_001))
    return xml.replace("</sheetData>", empty + STRAY + "</sheetData>")


@pytest.mark.parametrize(
    ("change", "rows_at_most"), [(stray_cell, 0), (a_million_empty_rows, 10_001)]
)
def test_a_sheet_a_million_rows_long_is_refused_without_reading_it(
    seeds, monkeypatch, change, rows_at_most
):
    """Finding 3 of issue 15: blank rows did not count, and a workbook with a stray cell on row
    1,000,000 kept the preview reading (30 s, a killed worker). Blank rows count now, and the
    sheet's size is checked before its rows are read."""
    from registry.imports import reader

    content = with_sheet_xml(build_workbook([CONVENIO], []), A, change)
    assert len(content) < 5_000_000
    cells_read = []
    real_cell = reader._cell
    monkeypatch.setattr(reader, "_cell", lambda *args: cells_read.append(1) or real_cell(*args))
    before = database_state()
    result = run_import(content)
    assert [(i.sheet, i.row) for i in result.issues] == [(A, None)]
    assert "las filas vacías" in result.issues[0].message
    assert database_state() == before
    # The rows read before the refusal: none when the size says it all, else the limit's worth.
    assert len(cells_read) <= rows_at_most * len(headers(A))
