"""The demo database: the seed's three hermanamientos, exactly as the report documents them."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa

from registry.agreements.models import Agreement, StatusChange
from registry.agreements.status import Status
from registry.documents.models import Document
from registry.extensions import db
from tests.conftest import row_count


def by_folio(folio: str) -> Agreement:
    return db.session.scalar(sa.select(Agreement).where(Agreement.folio == folio))


def test_demo_hermanamientos(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "Hermanamientos del informe" in result.output

    cozumel, ensenada, los_cabos = (by_folio(f"HER-2025-00{n}") for n in (1, 2, 3))
    assert [a.parties[0].party.cvegeo for a in (cozumel, ensenada, los_cabos)] == [
        "23001",
        "02001",
        "03008",
    ]
    # the report dates the ratification only to the quarter: a quarter-precision date
    assert (cozumel.status, cozumel.status_date) == (Status.RATIFICADO, date(2025, 4, 1))
    assert (cozumel.formalized_on, cozumel.formalized_on_precision) == (date(2025, 4, 1), "quarter")
    [ratification] = cozumel.status_changes
    assert ratification.acted_on_precision == "quarter"
    assert cozumel.parties[0].signed_on is None  # the report gives no signature date
    assert ratification.evidence.kind.value == "acuerdo_ratificacion"
    assert [t.name for t in cozumel.topics] == [
        "Artesanías",
        "Cultura",
        "Desarrollo económico",
        "Educación",
        "Turismo",
    ]

    assert (ensenada.status, ensenada.status_date) == (Status.INTENCION, date(2025, 4, 29))
    assert [(d.kind.value, d.number, d.issued_on) for d in ensenada.documents] == [
        ("carta_intencion", "OPM/EXT/0064/2025", date(2025, 4, 29)),
    ]

    assert (los_cabos.status, los_cabos.status_date) == (Status.INTENCION, date(2025, 4, 25))
    assert [(d.kind.value, d.number, d.issued_on) for d in los_cabos.documents] == [
        ("acta_cabildo", "Acuerdo de Cabildo 324, acta 78", date(2024, 3, 13)),
        ("dictamen", "Acta 04 de la sesión ordinaria", date(2024, 8, 29)),
        ("carta_intencion", "PM/491/2025", date(2025, 4, 25)),
    ]
    for agreement in (cozumel, ensenada, los_cabos):
        assert agreement.responsible_unit == "Jefatura de la Oficina de la Presidencia"
        assert agreement.valid_until is None and agreement.responsible_person is None
        assert all(row.signed_on is None and row.role is None for row in agreement.parties)
    assert row_count(Agreement) == 3  # the report's unnamed "12 alianzas" are not invented


def test_loading_the_demo_twice_changes_nothing(runner):
    runner.invoke(args=["demo", "load"])
    counts = [row_count(model) for model in (Agreement, Document, StatusChange)]
    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0 and "0 nuevos, 3 ya estaban" in second.output
    assert [row_count(model) for model in (Agreement, Document, StatusChange)] == counts


def test_demo_pages_show_the_seed(runner, reader_client):
    runner.invoke(args=["demo", "load"])
    listing = reader_client.get("/instrumentos/").get_data(as_text=True)
    assert "Ratificado" in listing and listing.count("Intención") >= 2
    letters = reader_client.get("/instrumentos/documentos?kind=carta_intencion&year=2025&quarter=2")
    page = letters.get_data(as_text=True)
    assert "OPM/EXT/0064/2025" in page and "PM/491/2025" in page
    assert "Acuerdo de Cabildo 324" not in page
