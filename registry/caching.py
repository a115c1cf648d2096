"""Per-process caches of figures that are costly to compute and cheap to validate.

The app keeps no state between requests but its database, and several workers serve it; so a
cached value is always stored with the *version* of the data it came from (a few indexed
aggregates, e.g. the latest update stamp and the highest id of a table), and every use reads
the current version first. A change made through any worker changes the version, and every
worker rebuilds on its next use: nothing is ever stale, and nothing is recomputed while the
data stay the same.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from flask import current_app
from sqlalchemy import func, select

from registry.extensions import db

T = TypeVar("T")


_lock = threading.Lock()
#: How many values each store keeps per process; past that the least recently used goes.
DEFAULT_LIMIT = 256


def cached(
    name: str,
    version: Hashable,
    build: Callable[[], T],
    *,
    store: str = "registry_cache",
    limit: int = DEFAULT_LIMIT,
) -> T:
    """``build()``'s value, rebuilt only when ``version`` differs from the stored one.

    Values live in the named ``store`` (a dict in the app's extensions) of at most ``limit``
    entries, so that a family of large values (rendered maps) can be kept to a few.
    """
    hit = lookup(store, name, version)
    if hit is not None:
        return hit
    value = build()  # outside the lock: a slow build holds up no other request
    keep(store, name, version, value, limit)
    return value


def lookup(store: str, name: Hashable, version: Hashable) -> Any | None:
    """The value kept under ``name`` for this ``version``, or None."""
    entries: dict[Hashable, tuple[Hashable, Any]] = current_app.extensions.setdefault(store, {})
    with _lock:  # threaded servers: no other request reorders the entries meanwhile
        hit = entries.pop(name, None)  # put back below: the dict's order is the order of use
        if hit is not None and hit[0] == version:
            entries[name] = hit
            return hit[1]
    return None


def keep(store: str, name: Hashable, version: Hashable, value: Any, limit: int) -> None:
    """Keep ``value`` under ``name``; past ``limit`` entries the least recently used goes."""
    entries: dict[Hashable, tuple[Hashable, Any]] = current_app.extensions.setdefault(store, {})
    with _lock:
        entries.pop(name, None)
        while len(entries) >= limit:
            entries.pop(next(iter(entries)))
        entries[name] = (version, value)


def table_version(model) -> tuple:
    """(latest ``updated_at``, highest id) of a table whose rows are never hard-deleted.

    Both are index lookups (each its own subquery: SQLite reads a maximum from an index only
    when it is the query's sole aggregate); a create changes the id, any update (status moves,
    moves to the recycle bin and back included) changes the stamp.
    """
    latest = select(func.max(model.updated_at)).scalar_subquery()
    highest = select(func.max(model.id)).scalar_subquery()
    return tuple(db.session.execute(select(latest, highest)).one())
