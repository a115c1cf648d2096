"""Moving records to the recycle bin and restoring them: the only way anything is "deleted".

Domain operations (``meetings.services.delete_meeting``, ``documents.services.remove_document`` …)
check their own rules and call ``move_to_bin``; admins ``restore`` from the bin's page. Both
write an audit event (``delete`` / ``restore``, with ``deleted_at`` and ``deletion_reason`` before
and after) and flush; the caller commits.
"""

from __future__ import annotations

from flask import has_request_context
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select

from registry.audit import services as audit
from registry.errors import DomainError, version_checked
from registry.extensions import db
from registry.models_base import utcnow

BIN_FIELDS = ["deleted_at", "deletion_reason"]
#: The longest reason kept (a paragraph, not a document).
MAX_REASON = 1000


def move_to_bin(record, reason: str | None = None, user=None) -> None:
    """Hide ``record`` everywhere but the recycle bin, noting who did it and why."""
    kind = _kind_of(record)
    if record.deleted_at is not None:
        raise DomainError(_("Este registro ya está en la papelera."))
    reason = " ".join((reason or "").split())[:MAX_REASON] or None
    if kind.reason_required and reason is None:
        raise DomainError(_("Escriba el motivo por el que se elimina."), "reason")
    before = audit.snapshot(record, BIN_FIELDS)
    user = user or _signed_in_user()  # as the audit event names it
    record.deleted_at = utcnow()
    record.deleted_by_id = user.id if user is not None else None
    record.deletion_reason = reason
    with version_checked():  # agreements and meetings: someone may have saved it meanwhile
        db.session.flush()
    audit.record_update(record, before, action="delete", user=user)


def restore(record, user=None) -> None:
    """Bring a record back from the bin exactly as it was when it was moved there.

    Refused while the agreement or meeting it belongs to is itself in the bin (restore that
    first), or if its folio has meanwhile been given to another record.
    """
    kind = _kind_of(record)
    if record.deleted_at is None:
        raise DomainError(_("Este registro no está en la papelera."))
    parent = kind.parent(record)
    if parent is not None and parent.deleted_at is not None:
        raise DomainError(
            _(
                "%(record)s pertenece a %(parent)s, que también está en la papelera: "
                "restaure primero %(parent)s.",
                record=kind.describe(record),
                parent=parent.folio,
            )
        )
    _refuse_folio_clash(kind, record)
    before = audit.snapshot(record, BIN_FIELDS)
    record.deleted_at = record.deleted_by_id = record.deletion_reason = None
    with version_checked():
        db.session.flush()
    audit.record_update(record, before, action="restore", user=user)


def _signed_in_user():
    if has_request_context() and current_user.is_authenticated:
        return current_user._get_current_object()
    return None


def _kind_of(record):
    # imported here: the kinds name the models of the domains whose services import this module
    from registry.recycle.kinds import kind_of

    return kind_of(record)


def _refuse_folio_clash(kind, record) -> None:
    """A record in the bin keeps its folio (the column is unique), but compare ignoring case."""
    column = getattr(kind.model, "folio", None)
    if column is None:
        return
    other = db.session.scalar(
        select(kind.model.folio).where(
            func.upper(column) == record.folio.upper(), kind.model.id != record.id
        )
    )
    if other is not None:
        raise DomainError(
            _(
                "El folio %(folio)s ya lo usa otro registro (%(other)s): cambie el folio de ese "
                "registro antes de restaurar este.",
                folio=record.folio,
                other=other,
            )
        )
