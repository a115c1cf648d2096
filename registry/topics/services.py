"""The managed topic list: add, rename, deactivate (admins). They flush; the caller commits."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from registry.audit import services as audit
from registry.errors import DomainError
from registry.extensions import db
from registry.text import fold
from registry.topics.models import Topic


def find_topic(name: str) -> Topic | None:
    """The topic called ``name``, ignoring case and accents ("educacion" is "Educación")."""
    return db.session.scalar(select(Topic).where(Topic.name_key == fold(name)))


def _check_name(name: str, topic: Topic | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Escriba el nombre del tema."), "name")
    other = find_topic(name)
    if other is not None and other is not topic:
        raise DomainError(
            _(
                "Ya existe el tema «%(name)s» (se comparan sin mayúsculas ni acentos).",
                name=other.name,
            ),
            "name",
        )
    return name


def create_topic(name: str, *, user=None) -> Topic:
    """A new active topic; refuses a name that differs from another only in case or accents."""
    topic = Topic(name=_check_name(name, None), active=True)
    db.session.add(topic)
    audit.record_create(topic, user=user)
    return topic


def rename_topic(topic: Topic, name: str, *, user=None) -> None:
    """Rename a topic; the records tagged with it follow (they point at it, not at its name)."""
    before = audit.snapshot(topic, ["name"])
    topic.name = _check_name(name, topic)
    db.session.flush()
    audit.record_update(topic, before, user=user)


def set_active(topic: Topic, active: bool, *, user=None) -> None:
    """Deactivate (no longer offered in forms; records keep it) or reactivate a topic."""
    before = audit.snapshot(topic, ["active"])
    topic.active = active
    db.session.flush()
    audit.record_update(topic, before, action="activate" if active else "deactivate", user=user)
