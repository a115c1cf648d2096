"""Pagination whose count does not grow with the table.

An exact total ("1–25 de 100 000") means counting every matching row on every page view: at
100,000 agreements that count costs more than the page itself. Lists here count at most a few
pages past the one shown; beyond that the page says "más de N" and offers the next pages. Small
registries (and selective filters) still get exact totals.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from flask import current_app
from flask_sqlalchemy.pagination import SelectPagination

from registry.extensions import db

#: How many pages past the current one the count looks at.
LOOKAHEAD_PAGES = 20


def bounded_count(select: sa.Select, limit: int = 999) -> tuple[int, bool]:
    """How many rows ``select`` gives, counting at most ``limit``: (count, whether exact)."""
    sub = select.options(sa.orm.lazyload("*")).order_by(None).limit(limit + 1).subquery()
    counted = db.session.execute(sa.select(sa.func.count()).select_from(sub)).scalar_one()
    return min(counted, limit), counted <= limit


class BoundedPagination(SelectPagination):
    """``db.paginate`` with a bounded count; ``total_is_exact`` says whether ``total`` is all."""

    total_is_exact: bool = True

    def _query_count(self) -> int:
        limit = (self.page + LOOKAHEAD_PAGES) * self.per_page
        select = self._query_args["select"]
        sub = select.options(sa.orm.lazyload("*")).order_by(None).limit(limit + 1).subquery()
        counted = self._query_args["session"].scalar(sa.select(sa.func.count()).select_from(sub))
        self.total_is_exact = counted <= limit
        return min(counted, limit)


class BoundedRowPagination(BoundedPagination):
    """The same for a select of plain rows (``db.paginate`` keeps only the first column)."""

    def _query_items(self) -> list[Any]:
        query = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(query).all())


def paginate(select: sa.Select, *, rows: bool = False, **kwargs) -> BoundedPagination:
    """The page the request's ``page``/``per_page`` arguments ask for (404 past the end)."""
    kwargs.setdefault("per_page", current_app.config["ITEMS_PER_PAGE"])
    kind = BoundedRowPagination if rows else BoundedPagination
    return kind(select=select, session=db.session(), **kwargs)
