"""Commitments (acuerdos) of a meeting and their small lifecycle.

``pendiente`` → ``cumplido`` (close) or ``cancelado`` (cancel, with a reason); either end may be
reopened back to ``pendiente``. Closing or cancelling records who did it and when. Like every
service, these flush and audit; the caller commits.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from registry.audit import services as audit
from registry.commitments.models import Commitment, CommitmentStatus
from registry.errors import DomainError
from registry.extensions import db
from registry.meetings.models import Meeting
from registry.models_base import utcnow
from registry.parties.models import Party

COMMITMENT_FIELDS = [
    "meeting_id",
    "text",
    "responsible_party_id",
    "due_on",
    "status",
    "closed_at",
    "closed_by_id",
    "closing_note",
]

PENDIENTE, CUMPLIDO, CANCELADO = (
    CommitmentStatus.PENDIENTE,
    CommitmentStatus.CUMPLIDO,
    CommitmentStatus.CANCELADO,
)


def add_commitment(
    meeting: Meeting,
    text: str,
    responsible_party: Party | None = None,
    due_on: date | None = None,
    user=None,
) -> Commitment:
    """A new pending commitment of ``meeting``."""
    commitment = Commitment(status=PENDIENTE)
    _set_fields(commitment, text, responsible_party, due_on)
    meeting.commitments.append(commitment)
    audit.record_create(commitment, user=user)
    return commitment


def update_commitment(
    commitment: Commitment,
    text: str,
    responsible_party: Party | None = None,
    due_on: date | None = None,
    user=None,
) -> Commitment:
    """Correct what was agreed, who answers for it or by when (its status is not touched)."""
    before = audit.snapshot(commitment, COMMITMENT_FIELDS)
    _set_fields(commitment, text, responsible_party, due_on)
    db.session.flush()
    audit.record_update(commitment, before, user=user)
    return commitment


def close_commitment(commitment: Commitment, user=None, note: str | None = None) -> Commitment:
    """Mark a pending commitment fulfilled, recording who and when."""
    return _finish(commitment, CUMPLIDO, user, note, "close")


def cancel_commitment(commitment: Commitment, reason: str, user=None) -> Commitment:
    """Cancel a pending commitment; a reason is required."""
    if not (reason or "").strip():
        raise DomainError(_("Escriba el motivo de la cancelación."), "note")
    return _finish(commitment, CANCELADO, user, reason, "cancel")


def reopen_commitment(commitment: Commitment, user=None) -> Commitment:
    """Back to pending (a closing recorded by mistake); who closed it is forgotten."""
    if commitment.status == PENDIENTE:
        raise DomainError(_("Ese acuerdo ya está pendiente."))
    before = audit.snapshot(commitment, COMMITMENT_FIELDS)
    commitment.status = PENDIENTE
    commitment.closed_at = commitment.closed_by_id = commitment.closing_note = None
    db.session.flush()
    audit.record_update(commitment, before, action="reopen", user=user)
    return commitment


def is_overdue(commitment: Commitment, today: date) -> bool:
    """Pending and past its due date."""
    return (
        commitment.status == PENDIENTE
        and commitment.due_on is not None
        and commitment.due_on < today
    )


def _finish(commitment: Commitment, status, user, note: str | None, action: str) -> Commitment:
    if commitment.status != PENDIENTE:
        raise DomainError(
            _("Ese acuerdo ya está %(status)s.", status=commitment.status.label.lower())
        )
    before = audit.snapshot(commitment, COMMITMENT_FIELDS)
    commitment.status = status
    commitment.closed_at = utcnow()
    commitment.closed_by_id = user.id if user is not None else None
    commitment.closing_note = (note or "").strip() or None
    db.session.flush()
    audit.record_update(commitment, before, action=action, user=user)
    return commitment


def _set_fields(commitment, text: str, responsible_party, due_on) -> None:
    text = (text or "").strip()
    if not text:
        raise DomainError(_("Escriba el acuerdo."), "text")
    commitment.text = text
    commitment.responsible_party = responsible_party
    commitment.due_on = due_on
