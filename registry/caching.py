"""Per-process caches of figures that are costly to compute and cheap to validate.

The app keeps no state between requests but its database, and several workers serve it; so a
cached value is always stored with the *version* of the data it came from (a few indexed
aggregates, e.g. the latest update stamp and the highest id of a table), and every use reads
the current version first. A change made through any worker changes the version, and every
worker rebuilds on its next use: nothing is ever stale, and nothing is recomputed while the
data stay the same.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import func, select

from registry.extensions import db

T = TypeVar("T")


def cached(name: str, version: Hashable, build: Callable[[], T]) -> T:
    """``build()``'s value, rebuilt only when ``version`` differs from the stored one."""
    store: dict[str, tuple[Hashable, Any]] = current_app.extensions.setdefault("registry_cache", {})
    hit = store.get(name)
    if hit is None or hit[0] != version:
        hit = store[name] = (version, build())
    return hit[1]


def table_version(model) -> tuple:
    """(latest ``updated_at``, highest id) of a table whose rows are never hard-deleted.

    Both are index lookups (each its own subquery: SQLite reads a maximum from an index only
    when it is the query's sole aggregate); a create changes the id, any update (status moves,
    moves to the recycle bin and back included) changes the stamp.
    """
    latest = select(func.max(model.updated_at)).scalar_subquery()
    highest = select(func.max(model.id)).scalar_subquery()
    return tuple(db.session.execute(select(latest, highest)).one())
