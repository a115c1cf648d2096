"""Each party's own acts and dates as precise as the documents, in every output: the agreement's
page, the report (page, JSON, DOCX), the transparency row and the map."""

from __future__ import annotations

import io
import json
from datetime import date, datetime

import docx
import openpyxl
import pytest

from registry.demo import load_demo
from registry.extensions import db
from registry.map.queries import MapFilters, relationships
from tests.factories import (
    SAN_JACINTO_AMILPAS,
    SANTA_CRUZ_XOXOCOTLAN,
    make_agreement,
    move,
    municipality,
)
from tests.forms import submit_form

SANTA_LUCIA = "20390"
Q2 = "anio=2025&trimestre=2"


def docx_text(data: bytes) -> str:
    return "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)


def transparency_row(client, query: str = Q2) -> dict:
    response = client.get(f"/informes/transparencia.xlsx?{query}")
    header, *rows = openpyxl.load_workbook(io.BytesIO(response.data)).active.iter_rows(
        values_only=True
    )
    assert len(rows) == 1
    return dict(zip(header, rows[0], strict=True))


@pytest.fixture
def alliance(app):
    """A three-party alliance two of whose municipalities signed on 9 May 2025."""
    signers = [municipality(SAN_JACINTO_AMILPAS), municipality(SANTA_LUCIA)]
    record = make_agreement(
        folio="ALI-2025-001",
        kind="alianza",
        title="Alianza de servicios metropolitanos",
        status="negociacion",
        acted_on=date(2025, 4, 10),
        parties=[*signers, municipality(SANTA_CRUZ_XOXOCOTLAN)],
    )
    move(record, "firmado", date(2025, 5, 9), signed=signers)
    return record


def test_a_party_that_has_not_signed_is_said_so_everywhere(alliance, reader_client):
    assert [(row.party.cvegeo, row.signed_on) for row in alliance.parties] == [
        (SAN_JACINTO_AMILPAS, date(2025, 5, 9)),
        (SANTA_LUCIA, date(2025, 5, 9)),
        (SANTA_CRUZ_XOXOCOTLAN, None),
    ]
    page = reader_client.get(f"/instrumentos/{alliance.id}").get_data(as_text=True)
    assert "Firmado por 2 de 3 contrapartes" in page

    report = json.loads(reader_client.get(f"/informes/trimestral.json?{Q2}").data)
    [row] = report["formalized"]
    assert row["pending_signature"] == ["Santa Cruz Xoxocotlán"]
    assert [p["signed_on"] for p in row["parties"]] == ["2025-05-09", "2025-05-09", None]

    text = docx_text(reader_client.get(f"/informes/trimestral.docx?{Q2}").data)
    assert (
        "con la firma de los Municipios de San Jacinto Amilpas y Santa Lucía del Camino; falta "
        "la de el Municipio de Santa Cruz Xoxocotlán" in text
    )

    sipot = transparency_row(reader_client)
    names = sipot[next(h for h in sipot if h.startswith("Persona(s) con quien"))]
    assert names == "San Jacinto Amilpas; Santa Lucía del Camino"
    assert "Pendiente la firma de: Santa Cruz Xoxocotlán." in sipot["Nota"]

    colours = {r.cvegeo: r.status for r in relationships(MapFilters()).by_party.values()}
    assert colours == {
        SAN_JACINTO_AMILPAS: "firmado",
        SANTA_LUCIA: "firmado",
        SANTA_CRUZ_XOXOCOTLAN: "negociacion",
    }
    in_q2 = relationships(MapFilters(year=2025, quarter=2)).by_party.values()
    assert {r.cvegeo: r.status for r in in_q2}[SANTA_CRUZ_XOXOCOTLAN] == "negociacion"


def test_the_last_party_signing_later_completes_the_agreement(alliance, editor_client):
    late = alliance.parties[2]
    response = submit_form(
        editor_client,
        f"/instrumentos/{alliance.id}/editar",
        {"parties-2-signed_on": "2025-07-02"},
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    db.session.refresh(late)
    assert late.signed_on == date(2025, 7, 2)
    page = editor_client.get(f"/instrumentos/{alliance.id}").get_data(as_text=True)
    assert "Firmado por" not in page
    statuses = {r.status for r in relationships(MapFilters()).by_party.values()}
    assert statuses == {"firmado"}


def test_a_month_precision_date_falls_in_its_quarter_and_reads_as_a_month(app, editor_client):
    """Signed "in June 2025" (entered as the 30th, the quarter's last day) is a Q2 act shown as
    "junio de 2025"; "in July 2025" is Q3."""
    june = make_agreement(folio="CON-2025-001", acted_on=date(2025, 4, 2))
    july = make_agreement(folio="CON-2025-002", acted_on=date(2025, 4, 2))
    for record, day in ((june, "2025-06-30"), (july, "2025-07-15")):
        response = submit_form(
            editor_client,
            f"/instrumentos/{record.id}/estatus",
            {
                "target": "firmado",
                "acted_on": day,
                "precision": "month",
                "signed_parties": [str(record.parties[0].party_id)],
            },
        )
        assert response.status_code == 302, response.get_data(as_text=True)
    db.session.expire_all()
    assert (june.formalized_on, june.formalized_on_precision) == (date(2025, 6, 1), "month")
    assert (july.formalized_on, july.status_changes[-1].acted_on) == (
        date(2025, 7, 1),
        date(2025, 7, 1),
    )
    assert june.parties[0].signed_on_precision == "month"
    q2 = json.loads(editor_client.get(f"/informes/trimestral.json?{Q2}").data)
    q3 = json.loads(editor_client.get("/informes/trimestral.json?anio=2025&trimestre=3").data)
    assert [(r["folio"], r["formalized_on_precision"]) for r in q2["formalized"]] == [
        ("CON-2025-001", "month")
    ]
    assert [r["folio"] for r in q3["formalized"]] == ["CON-2025-002"]
    page = editor_client.get(f"/informes/?{Q2}").get_data(as_text=True)
    assert "junio de 2025" in page and "1 de junio de 2025" not in page
    detail = editor_client.get(f"/instrumentos/{june.id}").get_data(as_text=True)
    assert "formalizado: junio de 2025" in detail


def test_the_demo_ratification_of_cozumel_says_its_day_is_not_stated(app, reader_client):
    load_demo()
    db.session.commit()
    sipot = transparency_row(reader_client)
    assert sipot["Denominación del convenio"] == "Hermanamiento Oaxaca de Juárez – Cozumel"
    assert sipot["Fecha de firma del convenio"] == "2.º trimestre de 2025, día no indicado"
    assert not isinstance(sipot["Fecha de firma del convenio"], datetime)
    assert "El documento no indica el día de la firma o ratificación" in sipot["Nota"]
    page = reader_client.get(f"/informes/?{Q2}").get_data(as_text=True)
    assert "2.º trimestre de 2025, día no indicado" in page
