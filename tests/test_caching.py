"""Cached figures follow the data: any change, through any worker, shows on the next view."""

from __future__ import annotations

from datetime import date

from registry.agreements.queries import status_and_kind_counts
from registry.caching import cached
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


def test_a_store_keeps_its_most_recently_used_values_within_its_limit(app):
    built = []

    def value(name):
        return cached(name, 1, lambda: built.append(name) or name, store="prueba", limit=2)

    assert [value("a"), value("b"), value("a"), value("c")] == ["a", "b", "a", "c"]
    assert built == ["a", "b", "c"]  # "a" came from the store the second time
    value("a")  # still kept: used more recently than "b", which made room for "c"
    value("b")  # rebuilt
    assert built == ["a", "b", "c", "b"]
    assert cached("a", 2, lambda: "nueva", store="prueba", limit=2) == "nueva"  # a new version
