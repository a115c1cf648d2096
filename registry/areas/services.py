"""Our own areas: add, edit, deactivate (admins). They flush and audit; the caller commits."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from registry.areas.models import Area, AreaKind
from registry.audit import services as audit
from registry.errors import DomainError
from registry.extensions import db
from registry.text import fold

AREA_FIELDS = ["name", "kind", "email", "active"]


@dataclass
class AreaData:
    name: str
    kind: AreaKind
    email: str | None = None
    active: bool = True


def find_area(name: str) -> Area | None:
    """The area called ``name``, ignoring case and accents."""
    return db.session.scalar(select(Area).where(Area.name_key == fold(name)))


def _check(data: AreaData, area: Area | None) -> str:
    name = " ".join((data.name or "").split())
    if not name:
        raise DomainError(_("Escriba el nombre del área."), "name")
    other = find_area(name)
    if other is not None and other is not area:
        raise DomainError(_("Ya existe el área «%(name)s».", name=other.name), "name")
    return name


def create_area(data: AreaData, *, user=None) -> Area:
    """A new area of the municipality."""
    area = Area(name=_check(data, None), kind=AreaKind(data.kind))
    area.email = (data.email or "").strip() or None
    area.active = data.active
    db.session.add(area)
    db.session.flush()
    audit.record_create(area, user=user)
    return area


def update_area(area: Area, data: AreaData, *, user=None) -> None:
    """Change an area's name, kind, e-mail or whether it is offered."""
    before = audit.snapshot(area, AREA_FIELDS)
    area.name = _check(data, area)
    area.kind = AreaKind(data.kind)
    area.email = (data.email or "").strip() or None
    area.active = data.active
    db.session.flush()
    audit.record_update(area, before, user=user)
