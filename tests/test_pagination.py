"""Lists count a bounded number of rows; totals are exact when the rows fit."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from registry.pagination import LOOKAHEAD_PAGES, paginate
from registry.topics.models import Topic

PER_PAGE = 2


@pytest.fixture
def topics(app):
    from registry.extensions import db

    for number in range(60):
        db.session.add(Topic(name=f"Tema de prueba {number:03d}"))
    db.session.commit()
    return db.session.scalar(sa.select(sa.func.count(Topic.id)))


def page_of(app, number: int):
    with app.test_request_context(f"/?page={number}"):
        return paginate(sa.select(Topic).order_by(Topic.id), per_page=PER_PAGE, error_out=False)


def test_a_count_that_fits_is_exact(app, topics):
    page = page_of(app, (topics // PER_PAGE) - LOOKAHEAD_PAGES + 1)
    assert page.total_is_exact and page.total == topics


def test_beyond_the_lookahead_the_total_is_a_lower_bound(app, topics):
    page = page_of(app, 1)
    assert not page.total_is_exact
    assert page.total == (1 + LOOKAHEAD_PAGES) * PER_PAGE < topics
    assert page.has_next and len(page.items) == PER_PAGE


@pytest.mark.parametrize("app_config", [{"ITEMS_PER_PAGE": 1}])
def test_the_list_page_says_mas_de_when_the_total_is_not_exact(reader_client):
    from registry.extensions import db
    from tests.benchmarks.synthetic import fill

    fill(30, meetings_per_agreement=0)
    db.session.commit()
    first = reader_client.get("/instrumentos/").get_data(as_text=True)
    assert f"1–1 de más de {1 + LOOKAHEAD_PAGES} instrumentos" in first
    last = reader_client.get("/instrumentos/?page=30").get_data(as_text=True)
    assert "30–30 de 30 instrumentos" in last
