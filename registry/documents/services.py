"""An agreement's documents: add, edit, remove; the scan is optional.

A file is stored only after every other check passed, and only as PDF, JPEG or PNG by its
content (``registry.files.services.store_upload``). Like the other services these flush and
write their audit event; the caller commits.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TypeGuard

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.datastructures import FileStorage

from registry.agreements.models import Agreement, StatusChange
from registry.audit import services as audit
from registry.auth.models import User
from registry.dates import today_local
from registry.documents.models import Document, DocumentKind
from registry.errors import DomainError
from registry.extensions import db
from registry.files.services import store_upload
from registry.recycle.services import move_to_bin

DOCUMENT_FIELDS = ["kind", "number", "title", "issued_on", "issuer", "notes", "file_id"]


@dataclass
class DocumentData:
    kind: DocumentKind
    number: str | None = None
    title: str | None = None
    issued_on: date | None = None
    issuer: str | None = None
    notes: str | None = None


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _check(data: DocumentData, today: date) -> None:
    if data.issued_on and data.issued_on > today:
        raise DomainError(_("La fecha del documento no puede ser posterior a hoy."), "issued_on")


def _apply(document: Document, data: DocumentData) -> None:
    document.kind = DocumentKind(data.kind)
    document.issued_on = data.issued_on
    for name in ("number", "title", "issuer", "notes"):
        setattr(document, name, _clean(getattr(data, name)))


def _has_upload(upload: object) -> TypeGuard[FileStorage]:
    """A file the user sent now (not the stored scan an edit form was filled from)."""
    return isinstance(upload, FileStorage) and bool(upload.filename)


def _check_not_empty(document: Document, has_upload: bool) -> None:
    """A document says what it is: a number, a title, an issuer or its scan."""
    if has_upload or document.file_id is not None or document.file is not None:
        return
    if document.number or document.title or document.issuer:
        return
    raise DomainError(
        _(
            "Indique al menos el número, el título o el emisor del documento, o adjunte su "
            "archivo escaneado."
        ),
        "number",
    )


def add_document(
    agreement: Agreement,
    data: DocumentData,
    *,
    upload: FileStorage | None = None,
    user: User | None = None,
    today: date | None = None,
) -> Document:
    """A new document of ``agreement``, with its scan if one was uploaded."""
    _check(data, today or today_local())
    document = Document()
    _apply(document, data)
    _check_not_empty(document, _has_upload(upload))
    if _has_upload(upload):
        document.file = store_upload(upload, field="file")
    agreement.documents.append(document)
    audit.record_create(document, user=user)
    return document


def update_document(
    document: Document,
    data: DocumentData,
    *,
    upload: FileStorage | None = None,
    user: User | None = None,
    today: date | None = None,
) -> None:
    """Change a document's details; a new upload replaces its scan (the old one is kept)."""
    _check(data, today or today_local())
    before = audit.snapshot(document, DOCUMENT_FIELDS)
    _apply(document, data)
    _check_not_empty(document, _has_upload(upload))
    if _has_upload(upload):
        document.file = store_upload(upload, field="file")
    db.session.flush()
    audit.record_update(document, before, user=user)


def remove_document(
    document: Document, reason: str | None = None, *, user: User | None = None
) -> None:
    """Move a document to the recycle bin; refused while a status move cites it as evidence."""
    cited = db.session.scalar(
        select(StatusChange.id).where(StatusChange.evidence_document_id == document.id)
    )
    if cited is not None:
        raise DomainError(
            _(
                "Este documento es la evidencia de un cambio de estatus del historial: "
                "no puede eliminarse."
            )
        )
    move_to_bin(document, reason, user=user)
