"""An agreement's documents (instruments): add, edit, remove; the scan is optional.

A file is stored only after every other check passed, and only as PDF, JPEG or PNG by its
content (``registry.files.services.store_upload``). Like the other services these flush and
write their audit event; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from registry.agreements.models import Agreement, Instrument, InstrumentKind, StatusChange
from registry.audit import services as audit
from registry.auth.models import User
from registry.dates import today_local
from registry.errors import DomainError
from registry.extensions import db
from registry.files.services import store_upload
from registry.recycle.services import move_to_bin

INSTRUMENT_FIELDS = ["kind", "number", "title", "issued_on", "issuer", "notes", "file_id"]


@dataclass
class InstrumentData:
    kind: InstrumentKind
    number: str | None = None
    title: str | None = None
    issued_on: date | None = None
    issuer: str | None = None
    notes: str | None = None


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _check(data: InstrumentData, today: date) -> None:
    if data.issued_on and data.issued_on > today:
        raise DomainError(_("La fecha del documento no puede ser posterior a hoy."), "issued_on")


def _apply(instrument: Instrument, data: InstrumentData) -> None:
    instrument.kind = InstrumentKind(data.kind)
    instrument.issued_on = data.issued_on
    for name in ("number", "title", "issuer", "notes"):
        setattr(instrument, name, _clean(getattr(data, name)))


def _has_upload(upload: FileStorage | None) -> bool:
    return upload is not None and bool(upload.filename)


def add_instrument(
    agreement: Agreement,
    data: InstrumentData,
    *,
    upload: FileStorage | None = None,
    user: User | None = None,
    today: date | None = None,
) -> Instrument:
    """A new document of ``agreement``, with its scan if one was uploaded."""
    _check(data, today or today_local())
    instrument = Instrument()
    _apply(instrument, data)
    if _has_upload(upload):
        instrument.file = store_upload(upload, field="file")
    agreement.instruments.append(instrument)
    audit.record_create(instrument, user=user)
    return instrument


def update_instrument(
    instrument: Instrument,
    data: InstrumentData,
    *,
    upload: FileStorage | None = None,
    user: User | None = None,
    today: date | None = None,
) -> None:
    """Change a document's details; a new upload replaces its scan (the old one is kept)."""
    _check(data, today or today_local())
    before = audit.snapshot(instrument, INSTRUMENT_FIELDS)
    _apply(instrument, data)
    if _has_upload(upload):
        instrument.file = store_upload(upload, field="file")
    db.session.flush()
    audit.record_update(instrument, before, user=user)


def remove_instrument(
    instrument: Instrument, reason: str | None = None, *, user: User | None = None
) -> None:
    """Move a document to the recycle bin; refused while a status move cites it as evidence."""
    cited = db.session.scalar(
        select(StatusChange.id).where(StatusChange.evidence_instrument_id == instrument.id)
    )
    if cited is not None:
        raise DomainError(
            _(
                "Este documento es la evidencia de un cambio de estatus del historial: "
                "no puede eliminarse."
            )
        )
    move_to_bin(instrument, reason, user=user)
