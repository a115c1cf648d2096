"""The one helper every write goes through: ``record`` an audit event in the same transaction.

Services call these after changing a record and before the view commits, so the change and its
audit event are committed together or not at all.
"""

from __future__ import annotations

import enum
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from flask import has_request_context, request
from flask_login import current_user
from sqlalchemy import inspect

from registry.audit.models import AuditEvent
from registry.extensions import db

#: Columns never copied into the audit trail.
SECRET_FIELDS = frozenset({"password_hash", "session_token", "feed_token"})

CLI_ACTOR = "línea de comandos"


def record(
    action: str,
    entity: str,
    entity_id: Any = None,
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    user=None,
    actor: str | None = None,
) -> AuditEvent:
    """Add one audit event to the session (flushed with the rest of the unit of work)."""
    if user is None and has_request_context() and current_user.is_authenticated:
        user = current_user._get_current_object()
    event = AuditEvent(
        user_id=user.id if user is not None else None,
        actor=actor or (user.email if user is not None else CLI_ACTOR),
        remote_addr=request.remote_addr if has_request_context() else None,
        entity=entity,
        entity_id=None if entity_id is None else str(entity_id),
        action=action,
        before=_json_safe(before),
        after=_json_safe(after),
    )
    db.session.add(event)
    return event


def entity_name(obj: Any) -> str:
    """The audit name of a model instance: ``__audit_entity__`` or its table name."""
    return getattr(obj, "__audit_entity__", None) or obj.__tablename__


def snapshot(obj: Any, fields: list[str] | None = None) -> dict[str, Any]:
    """The column values of ``obj`` (all, or ``fields``), JSON-safe, secrets left out."""
    mapper = inspect(type(obj))
    names = fields or [column.key for column in mapper.column_attrs]
    return {name: _json_value(getattr(obj, name)) for name in names if name not in SECRET_FIELDS}


def changes(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    """Only the fields whose values differ, as (before, after)."""
    changed = [key for key in after if before.get(key) != after.get(key)]
    return {key: before.get(key) for key in changed}, {key: after[key] for key in changed}


def record_create(obj: Any, **kwargs) -> AuditEvent:
    """Audit a new record; flushes first so it has its id."""
    db.session.flush()
    return record("create", entity_name(obj), obj.id, after=snapshot(obj), **kwargs)


def record_update(obj: Any, before: dict[str, Any], action: str = "update", **kwargs):
    """Audit the fields of ``obj`` that differ from the ``before`` snapshot; None if nothing did."""
    old, new = changes(before, snapshot(obj, list(before)))
    if not new:
        return None
    return record(action, entity_name(obj), obj.id, before=old, after=new, **kwargs)


def _json_safe(values: dict[str, Any] | None) -> dict[str, Any] | None:
    if values is None:
        return None
    return {key: _json_value(value) for key, value in values.items() if key not in SECRET_FIELDS}


def _json_value(value: Any) -> Any:
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_json_value(item) for item in value]
    if isinstance(value, dict):
        return {str(key): _json_value(item) for key, item in value.items()}
    return value
