"""The transparency export (Art. 70 fr. XXXIII) and its column layout, adjusted by an admin."""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
import sqlalchemy as sa

from registry.agreements import services
from registry.agreements.transparency import TransparencyData
from registry.audit.models import AuditEvent
from registry.extensions import db
from registry.parties.models import PartyKind
from registry.settings.services import TRANSPARENCY_AREA, UNIT_NAME, save_settings
from registry.transparency import layout
from registry.transparency.exports import transparency_table
from registry.transparency.models import TransparencyColumn
from registry.transparency.sources import DEFAULT_COLUMNS
from tests.conftest import row_count
from tests.factories import COZUMEL, make_agreement, make_party, municipality
from tests.forms import submit_form

DOWNLOAD = "/informes/transparencia.xlsx?anio=2025&trimestre=2"
ADMIN = "/admin/transparencia/"


def sheet(data: bytes) -> list[tuple]:
    return list(openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def record(agreement, **fields) -> None:
    data = services.AgreementData(
        kind=agreement.kind,
        title=agreement.title,
        folio=agreement.folio,
        parties=[
            services.PartyEntry(row.party, row.role, row.signed_on, row.signatory)
            for row in agreement.parties
        ],
        objective=agreement.objective,
        topics=list(agreement.topics),
        responsible_unit=agreement.responsible_unit,
        valid_from=agreement.valid_from,
        valid_until=agreement.valid_until,
        transparency=TransparencyData(**fields),
    )
    services.update_agreement(agreement, data, base_version=None)
    db.session.commit()


def test_the_default_layout_is_the_twenty_columns_of_the_format(app):
    assert len(DEFAULT_COLUMNS) == 20
    table = transparency_table(2025, 2, today=date(2025, 7, 10))
    assert [column.header for column in table.columns][:3] == [
        "Ejercicio",
        "Fecha de inicio del periodo que se informa",
        "Fecha de término del periodo que se informa",
    ]
    assert table.columns[-1].header == "Nota" and table.rows == []


def test_the_export_lists_the_quarters_formalized_agreements(app, reader_client):
    save_settings({UNIT_NAME: "Unidad de prueba"})
    signed = make_agreement(
        title="Hermanamiento de prueba",
        kind="hermanamiento",
        status="ratificado",
        acted_on=date(2025, 6, 30),
        parties=[municipality(COZUMEL)],
        objective="Cooperación cultural",
        responsible_unit="Jefatura de prueba",
        valid_from=date(2025, 6, 30),
        valid_until=date(2027, 12, 31),
    )
    make_agreement(title="Firmado el 1 de julio", status="firmado", acted_on=date(2025, 7, 1))
    make_agreement(title="Solo intención", status="intencion", acted_on=date(2025, 5, 1))
    record(
        signed,
        resources_source="No aplica",
        document_url="https://oaxaca.gob.mx/c.pdf",
        transparency_note="Sin recursos.",
    )
    response = reader_client.get(DOWNLOAD)
    assert response.status_code == 200
    assert "transparencia-convenios-2025-T2.xlsx" in response.headers["Content-Disposition"]
    header, *rows = sheet(response.data)
    assert len(header) == 20 and len(rows) == 1
    row = dict(zip(header, rows[0], strict=True))
    assert row["Ejercicio"] == 2025
    assert row["Fecha de inicio del periodo que se informa"] == datetime(2025, 4, 1)
    assert row["Fecha de firma del convenio"] == datetime(2025, 6, 30)
    assert row["Tipo de convenio (catálogo)"] == "De coordinación con el sector social"
    assert row["Denominación del convenio"] == "Hermanamiento de prueba"
    assert row["Objetivo(s) del convenio"] == "Cooperación cultural"
    assert row["Término del periodo de vigencia del convenio"] == datetime(2027, 12, 31)
    assert row["Fuente de los recursos que se emplearán"] == "No aplica"
    assert row["Hipervínculo al documento, en su caso, a la versión pública"] == (
        "https://oaxaca.gob.mx/c.pdf"
    )
    assert (
        row[
            "Área(s) responsable(s) que genera(n), posee(n), publica(n) y actualizan la información"
        ]
        == "Unidad de prueba"
    )
    assert row["Nota"] == "Sin recursos."
    assert row["Fecha de publicación en DOF u otro medio oficial"] is None
    assert openpyxl.load_workbook(io.BytesIO(response.data)).active["B2"].number_format == (
        "dd/mm/yyyy"
    )
    assert (
        reader_client.get("/informes/transparencia.xlsx?anio=2025&trimestre=5").status_code == 400
    )


def test_parties_are_named_by_their_signatories_and_the_type_can_be_chosen(app):
    save_settings({UNIT_NAME: "Unidad", TRANSPARENCY_AREA: "Unidad de Transparencia"})
    company = make_party("Empresa de prueba", PartyKind.PRIVADA)
    agreement = make_agreement(
        status="firmado", acted_on=date(2025, 5, 5), parties=[company, municipality(COZUMEL)]
    )
    agreement.parties[1].signatory = "Persona que firma, Presidenta Municipal"
    db.session.commit()
    table = transparency_table(2025, 2)
    row = dict(zip([c.header for c in table.columns], table.rows[0], strict=True))
    assert row["Tipo de convenio (catálogo)"] == "De concertación con el sector privado"
    assert row[
        "Persona(s) con quien se celebra el convenio: nombre(s), primer apellido, segundo "
        "apellido, o denominación / razón social"
    ] == ("Empresa de prueba; Persona que firma, Presidenta Municipal")
    assert (
        row[
            "Área(s) responsable(s) que genera(n), posee(n), publica(n) y actualizan la información"
        ]
        == "Unidad de Transparencia"
    )
    record(agreement, sipot_type="coordinacion_privado")
    assert transparency_table(2025, 2).rows[0][3] == "De coordinación con el sector privado"


def test_admin_adjusts_the_layout_and_the_export_follows(admin_client):
    make_agreement(title="Convenio del trimestre", status="firmado", acted_on=date(2025, 5, 5))
    # editing column 5 turns the default layout into the admin's own copy
    response = submit_form(
        admin_client, f"{ADMIN}columnas/5", {"header": "Denominación del instrumento"}
    )
    assert response.status_code == 302 and row_count(TransparencyColumn) == 20
    fixed = {
        "header": "Sujeto obligado",
        "source": "fixed",
        "text": "Municipio de Oaxaca de Juárez",
    }
    response = submit_form(admin_client, ADMIN, fixed)
    assert response.status_code == 302
    assert admin_client.post(f"{ADMIN}columnas/21/izquierda").status_code == 302
    assert admin_client.post(f"{ADMIN}columnas/1/quitar").status_code == 302
    header, row = sheet(admin_client.get(DOWNLOAD).data)
    assert len(header) == 20 and header[0] == "Fecha de inicio del periodo que se informa"
    assert header[3] == "Denominación del instrumento" and row[3] == "Convenio del trimestre"
    assert header[18:] == ("Sujeto obligado", "Nota")
    assert row[18] == "Municipio de Oaxaca de Juárez"
    actions = [
        e.action
        for e in db.session.scalars(
            sa.select(AuditEvent)
            .where(AuditEvent.entity == "transparency_column")
            .order_by(AuditEvent.id)
        )
    ]
    assert actions == ["update", "create", "move", "delete"]
    page = admin_client.get(ADMIN).get_data(as_text=True)
    assert "Formato ajustado" in page and "Sujeto obligado" in page
    assert admin_client.post(f"{ADMIN}restablecer").status_code == 302
    assert row_count(TransparencyColumn) == 0
    assert sheet(admin_client.get(DOWNLOAD).data)[0][0] == "Ejercicio"


def test_bad_columns_are_refused_and_change_nothing(admin_client):
    response = submit_form(admin_client, ADMIN, {"header": "", "source": "title"})
    assert response.status_code == 200 and 'id="header-error"' in response.get_data(as_text=True)
    response = submit_form(admin_client, ADMIN, {"header": "X", "source": "contraseñas"})
    assert 'id="source-error"' in response.get_data(as_text=True)
    assert row_count(TransparencyColumn) == 0
    assert admin_client.get(f"{ADMIN}columnas/21").status_code == 404


def test_the_last_column_cannot_be_removed(app):
    layout.add_column("Única", "title")
    for _number in range(20):
        layout.remove_column(1)
    db.session.commit()
    assert [c.header for c in layout.current_columns()] == ["Única"]
    with pytest.raises(Exception, match="al menos una columna"):
        layout.remove_column(1)


@pytest.mark.parametrize("who", ["editor_client", "reader_client"])
def test_only_admins_change_the_layout(request, who):
    client = request.getfixturevalue(who)
    assert client.get(ADMIN).status_code == 403
    assert client.post(f"{ADMIN}restablecer").status_code == 403
    assert client.get(DOWNLOAD).status_code == 200  # everyone may download


def test_cli_writes_the_transparency_export(app, runner, tmp_path):
    make_agreement(title="Convenio del trimestre", status="firmado", acted_on=date(2025, 5, 5))
    output = tmp_path / "convenios.xlsx"
    result = runner.invoke(
        args=["report", "transparency", "--year", "2025", "--quarter", "2", "--output", str(output)]
    )
    assert result.exit_code == 0, result.output
    assert "1 convenios" in result.output
    assert sheet(output.read_bytes())[1][4] == "Convenio del trimestre"
    bad = runner.invoke(
        args=["report", "transparency", "--year", "2025", "--quarter", "0", "--output", str(output)]
    )
    assert bad.exit_code == 2
