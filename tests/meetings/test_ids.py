"""Absurd ids in URLs are 404s, never database errors (PostgreSQL's integer range)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "url",
    [
        "/reuniones/99999999999999",
        "/reuniones/99999999999999.ics",
        "/reuniones/acuerdos/99999999999999999999999",
        "/reuniones/0",
    ],
)
def test_huge_ids_are_404(reader_client, url):
    assert reader_client.get(url).status_code == 404


def test_a_huge_feed_id_is_404(app):
    assert app.test_client().get("/reuniones/feed/99999999999999/abc.ics").status_code == 404
