"""The report's files beyond the demo: quarter edges through the real services, empty quarters,
text that looks like a formula, the signature when nothing is configured, the Spanish prose."""

from __future__ import annotations

import csv
import io
from datetime import date

import docx
import openpyxl
import pytest

from registry.agreements.models import AgreementKind
from registry.extensions import db
from registry.indicators.models import Indicator, IndicatorGoal
from registry.meetings.models import MeetingKind
from registry.meetings.services import MeetingData, create_meeting
from registry.parties.models import PartyKind
from registry.reports import narrative
from registry.reports.exports import FORMATS
from registry.reports.queries import quarterly_report
from tests.factories import SAN_JACINTO_AMILPAS, make_agreement, make_party, municipality


def meeting(title: str, days: list[date], parties=(), kind=MeetingKind.REUNION_TRABAJO, **extra):
    made = create_meeting(
        MeetingData(kind=kind, title=title, dates=days, parties=list(parties), **extra)
    )
    db.session.commit()
    return made


def render(fmt: str, year: int, quarter: int) -> bytes:
    return FORMATS[fmt].render(quarterly_report(year, quarter))


def xlsx_column(data: bytes, sheet: str, column: int = 0) -> list:
    rows = list(openpyxl.load_workbook(io.BytesIO(data))[sheet].iter_rows(values_only=True))
    return [row[column] for row in rows[1:]]


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def test_quarter_edges_through_the_services_and_every_format(app):
    june = make_agreement(
        title="Convenio firmado el 30 de junio", status="firmado", acted_on=date(2025, 6, 30)
    )
    july = make_agreement(
        title="Convenio firmado el 1 de julio", status="firmado", acted_on=date(2025, 7, 1)
    )
    edge = meeting(
        "Reunión del 31 de marzo y 1 de abril",
        [date(2025, 3, 31), date(2025, 4, 1)],
        [municipality(SAN_JACINTO_AMILPAS)],
    )
    assert xlsx_column(render("xlsx", 2025, 2), "Formalizados") == [june.folio]
    assert xlsx_column(render("xlsx", 2025, 3), "Formalizados") == [july.folio]
    assert xlsx_column(render("xlsx", 2025, 1), "Reuniones") == [edge.folio]
    assert xlsx_column(render("xlsx", 2025, 2), "Reuniones") == []
    q1 = render("csv", 2025, 1).decode("utf-8-sig")
    assert f"Reuniones,{edge.folio},Reunión de trabajo" in q1 and ",2025-03-31,2025-04-01," in q1
    assert edge.folio not in render("csv", 2025, 2).decode("utf-8-sig")
    assert (
        "Los días 31 de marzo y 1 de abril, se realizó una reunión de trabajo con el "
        "Municipio de San Jacinto Amilpas." in docx_text(render("docx", 2025, 1))
    )
    assert july.title not in docx_text(render("docx", 2025, 2))
    assert "El 1 de julio de 2025 se formalizó el convenio «Convenio firmado el 1 de julio»" in (
        docx_text(render("docx", 2025, 3))
    )


def test_an_empty_quarter_still_makes_every_file(app):
    workbook = openpyxl.load_workbook(io.BytesIO(render("xlsx", 2024, 4)))
    assert [workbook[name].max_row for name in ("Formalizados", "Reuniones")] == [1, 1]
    assert workbook["Reuniones"]["A1"].value == "Folio"
    text = docx_text(render("docx", 2024, 4))
    assert "Ningún instrumento se formalizó en el trimestre." in text
    assert "Reuniones y eventos del trimestre: 0." in text
    # no signer configured: a line to sign on, under "Autorizó"
    assert "Autorizó\n\n" + "_" * 40 in text
    rows = list(csv.reader(io.StringIO(render("csv", 2024, 4).decode("utf-8-sig"))))
    assert rows[1][:4] == ["Periodo", "2024-T4", "", "4.º trimestre de 2024"]


def test_text_that_looks_like_a_formula_stays_text(app):
    agreement = make_agreement(
        title='=HYPERLINK("http://x","clic")', status="firmado", acted_on=date(2025, 5, 5)
    )
    sheet = openpyxl.load_workbook(io.BytesIO(render("xlsx", 2025, 2)))["Formalizados"]
    assert sheet["C2"].value == agreement.title and sheet["C2"].data_type == "s"
    rows = list(csv.reader(io.StringIO(render("csv", 2025, 2).decode("utf-8-sig"))))
    assert ["'" + agreement.title] == [row[3] for row in rows if row[1] == agreement.folio]


def test_agreement_indicators_list_what_they_counted(app):
    db.session.add(
        Indicator(
            code="9",
            name="Porcentaje de alianzas formalizadas",
            program="08 - Programa",
            level="Componente 9",
            source="agreements",
            agreement_kinds=["alianza"],
            agreement_statuses=["firmado"],
            goals=[IndicatorGoal(year=2025, annual_goal=8)],
        )
    )
    alliance = make_agreement(
        title="Alianza por el agua",
        kind=AgreementKind.ALIANZA,
        status="firmado",
        acted_on=date(2025, 5, 2),
    )
    make_agreement(title="Convenio que no es alianza", status="firmado", acted_on=date(2025, 5, 2))
    text = docx_text(render("docx", 2025, 2))
    block = text[text.index("Nivel: Componente 9") : text.index("Instrumentos formalizados")]
    assert "Nivel alcanzado: 12.5 %" in block
    assert (
        f"1. El 2 de mayo de 2025 se formalizó la alianza «Alianza por el agua» ({alliance.folio})"
        in block
    )
    assert "Convenio que no es alianza" not in block


def test_meetings_for_no_indicator_are_listed_apart(app):
    meeting(
        "Reunión sin indicador",
        [date(2025, 5, 6)],
        [make_party("Secretaría de Turismo")],
        indicator=None,
    )
    text = docx_text(render("docx", 2025, 2))
    other = text[text.index("Otras reuniones y eventos del trimestre") :]
    assert (
        "1. El día 6 de mayo, se realizó una reunión de trabajo con la Secretaría de Turismo."
        in other
    )


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        ([date(2025, 4, 8)], "El día 8 de abril"),
        ([date(2025, 5, 22), date(2025, 5, 15)], "Los días 15 y 22 de mayo"),
        ([date(2025, 5, 9), date(2025, 5, 23), date(2025, 5, 30)], "Los días 9, 23 y 30 de mayo"),
        ([date(2025, 4, 30), date(2025, 5, 2)], "Los días 30 de abril y 2 de mayo"),
        ([date(2025, 12, 30), date(2026, 1, 2)], "Los días 30 de diciembre y 2 de enero de 2026"),
    ],
)
def test_dates_read_as_the_unit_writes_them(app, days, expected):
    assert narrative.date_phrase(days, 2025) == expected


@pytest.mark.parametrize(
    ("kind", "name", "expected"),
    [
        (PartyKind.ESTATAL, "Comisión Estatal del Agua", "la Comisión Estatal del Agua"),
        (
            PartyKind.ORGANISMO,
            "Sistema Operador de los Servicios de Agua Potable",
            "el Sistema Operador de los Servicios de Agua Potable",
        ),
        (PartyKind.ESTATAL, "Gobierno del Estado de Oaxaca", "el Gobierno del Estado de Oaxaca"),
        (PartyKind.ORGANISMO, "SOAPA", "SOAPA"),  # unknown: no article rather than a wrong one
        (PartyKind.EXTRANJERA, "Ciudad de prueba", "la ciudad de Ciudad de prueba"),
    ],
)
def test_party_names_take_an_article_only_when_known(app, kind, name, expected):
    assert narrative.party_name(make_party(name, kind)) == expected


def test_several_municipalities_read_together(app):
    parties = [make_party("Comisión de Límites"), municipality("20385"), municipality("20390")]
    assert narrative.parties_phrase(parties) == (
        "la Comisión de Límites y los Municipios de Santa Cruz Xoxocotlán y Santa Lucía del Camino"
    )
    assert narrative.join_words(
        ["la Secretaría de Medio Ambiente, Biodiversidad", "el Instituto", "la Comisión"]
    ) == ("la Secretaría de Medio Ambiente, Biodiversidad; el Instituto; y la Comisión")
    assert [narrative.percent_text(v) for v in (20.0, 12.5, None)] == ["20 %", "12.5 %", "—"]
