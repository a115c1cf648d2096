"""Reading our own areas (the admin list, the meeting form's choices)."""

from __future__ import annotations

from sqlalchemy import select

from registry.areas.models import Area
from registry.extensions import db


def all_areas() -> list[Area]:
    """Every area, active first, by name."""
    return list(db.session.scalars(select(Area).order_by(Area.active.desc(), Area.name_key)))


def area_options(selected: set[int] | frozenset[int] = frozenset()) -> list[tuple[int, str]]:
    """(id, name) of the active areas, plus inactive ones a record already names."""
    rows = db.session.execute(select(Area.id, Area.name, Area.active).order_by(Area.name_key)).all()
    return [(row.id, row.name) for row in rows if row.active or row.id in selected]
