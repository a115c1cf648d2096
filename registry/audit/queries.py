"""The audit browser's query: events filtered by user, record, action and local dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Select, select
from sqlalchemy.orm import selectinload

from registry.audit.models import AuditEvent
from registry.dates import LOCAL_ZONE
from registry.extensions import db


@dataclass(frozen=True)
class AuditFilters:
    """None (or empty) means "any"."""

    user_id: int | None = None
    entity: str | None = None
    entity_id: str | None = None
    action: str | None = None
    #: Calendar days in Oaxaca, both included.
    date_from: date | None = None
    date_to: date | None = None


def local_midnight(day: date) -> datetime:
    """The instant (UTC) at which ``day`` begins in Oaxaca."""
    return datetime.combine(day, time.min, tzinfo=LOCAL_ZONE).astimezone(UTC)


def events(filters: AuditFilters) -> Select:
    """Matching events, newest first, with the acting user loaded."""
    query = select(AuditEvent).options(selectinload(AuditEvent.user))
    if filters.user_id:
        query = query.where(AuditEvent.user_id == filters.user_id)
    if filters.entity:
        query = query.where(AuditEvent.entity == filters.entity)
    if filters.entity_id:
        query = query.where(AuditEvent.entity_id == filters.entity_id)
    if filters.action:
        query = query.where(AuditEvent.action == filters.action)
    if filters.date_from:
        query = query.where(AuditEvent.occurred_at >= local_midnight(filters.date_from))
    if filters.date_to:
        end = local_midnight(filters.date_to + timedelta(days=1))
        query = query.where(AuditEvent.occurred_at < end)
    return query.order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())


def used_values(column) -> list[str]:
    """The distinct values of an audit column (entities, actions) present in the trail."""
    return list(db.session.scalars(select(column).distinct().order_by(column)))
