from __future__ import annotations

from registry.extensions import db
from registry.folios import next_folio
from registry.indicators.models import Indicator


def test_next_folio_counts_past_999(app):
    # Any model with a unique string column will do; indicators are the simplest.
    assert next_folio(Indicator.code, "HER", 2025) == "HER-2025-001"
    for code in ("HER-2025-001", "HER-2025-999", "HER-2025-1000", "HER-2024-050", "REU-2025-007"):
        db.session.add(Indicator(code=code, name=code, source="meetings"))
    db.session.flush()
    assert next_folio(Indicator.code, "HER", 2025) == "HER-2025-1001"
    assert next_folio(Indicator.code, "HER", 2024) == "HER-2024-051"
    assert next_folio(Indicator.code, "REU", 2026) == "REU-2026-001"
