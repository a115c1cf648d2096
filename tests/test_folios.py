from __future__ import annotations

from registry.extensions import db
from registry.folios import next_folio
from registry.indicators.models import Indicator
from tests.forms import submit_form


def test_next_folio_counts_past_999(app):
    # Any model with a unique string column will do; indicators are the simplest.
    assert next_folio(Indicator.code, "HER", 2025) == "HER-2025-001"
    for code in ("HER-2025-001", "HER-2025-999", "HER-2025-1000", "HER-2024-050", "REU-2025-007"):
        db.session.add(Indicator(code=code, name=code, source="meetings"))
    db.session.flush()
    assert next_folio(Indicator.code, "HER", 2025) == "HER-2025-1001"
    assert next_folio(Indicator.code, "HER", 2024) == "HER-2024-051"
    assert next_folio(Indicator.code, "REU", 2026) == "REU-2026-001"


def test_the_agreement_form_refuses_a_folio_that_could_break_a_header(editor_client):
    from tests.factories import make_agreement

    agreement = make_agreement()
    page = submit_form(
        editor_client, f"/instrumentos/{agreement.id}/editar", {"folio": 'HER"2025;X'}
    )
    assert page.status_code == 200
    assert "solo puede llevar letras, números, guiones" in page.get_data(as_text=True)
    assert db.session.get(type(agreement), agreement.id).folio == agreement.folio
    saved = submit_form(
        editor_client, f"/instrumentos/{agreement.id}/editar", {"folio": "CONV/OPM.2025_07"}
    )
    assert saved.status_code == 302
    assert db.session.get(type(agreement), agreement.id).folio == "CONV/OPM.2025_07"
