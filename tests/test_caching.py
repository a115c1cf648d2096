"""Cached figures follow the data: any change, through any worker, shows on the next view."""

from __future__ import annotations

from datetime import date

from registry.agreements.queries import status_and_kind_counts
from tests.factories import make_agreement


def test_dashboard_counts_follow_every_change(app, reader_client, editor):
    make_agreement(status="intencion", acted_on=date(2025, 4, 10))
    statuses, kinds = status_and_kind_counts()
    assert statuses == {"intencion": 1} and sum(kinds.values()) == 1
    second = make_agreement(status="negociacion", acted_on=date(2025, 4, 11))
    assert status_and_kind_counts()[0] == {"intencion": 1, "negociacion": 1}
    from registry.agreements.services import change_status

    change_status(second, "firmado", date(2025, 5, 2), user=editor)
    from registry.extensions import db

    db.session.commit()
    assert status_and_kind_counts()[0] == {"intencion": 1, "firmado": 1}
    page = reader_client.get("/").get_data(as_text=True)
    assert "Instrumentos de vinculación" in page and "(2)" in page
