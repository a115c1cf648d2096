"""Evidence of a meeting: uploaded photos and scans, and links to social-media posts.

Files go through ``store_upload`` (PDF, JPEG or PNG by content, size-limited), exactly as an
agreement's documents do. Links must be absolute http(s) URLs. Removing moves it to the
recycle bin (an admin can restore it); the stored file stays.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from flask_babel import gettext as _
from werkzeug.datastructures import FileStorage

from registry.audit import services as audit
from registry.errors import DomainError
from registry.files.services import store_upload
from registry.meetings.models import Evidence, EvidenceKind, Meeting
from registry.recycle.services import move_to_bin

MAX_URL_LENGTH = 500
FILE_KINDS = (EvidenceKind.FOTO, EvidenceKind.LISTA_ASISTENCIA, EvidenceKind.DOCUMENTO)


def add_file_evidence(
    meeting: Meeting, upload: FileStorage, kind: EvidenceKind, title: str | None = None, user=None
) -> Evidence:
    """Store an uploaded photo, attendance list or scan as evidence of ``meeting``."""
    if EvidenceKind(kind) not in FILE_KINDS:
        raise DomainError(_("Elija qué es el archivo: fotografía, lista o documento."), "kind")
    if upload is None or not upload.filename:
        raise DomainError(_("Elija el archivo que desea subir."), "file")
    stored = store_upload(upload, field="file")
    evidence = Evidence(kind=EvidenceKind(kind), title=_clean(title), file=stored)
    meeting.evidence.append(evidence)
    audit.record_create(evidence, user=user)
    return evidence


def add_link_evidence(meeting: Meeting, url: str, title: str | None = None, user=None) -> Evidence:
    """Link a social-media post (or any web page) as evidence of ``meeting``."""
    evidence = Evidence(kind=EvidenceKind.ENLACE, url=check_url(url), title=_clean(title))
    meeting.evidence.append(evidence)
    audit.record_create(evidence, user=user)
    return evidence


def remove_evidence(evidence: Evidence, user=None, reason: str | None = None) -> None:
    """Move a piece of evidence to the recycle bin (hidden from the meeting)."""
    move_to_bin(evidence, reason, user=user)


def check_url(url: str | None) -> str:
    """``url`` stripped, if it is an absolute http(s) address; DomainError otherwise."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        valid = False
    if not valid or any(char.isspace() for char in url):
        raise DomainError(
            _("Escriba una dirección completa que empiece con https:// (o http://)."), "url"
        )
    if len(url) > MAX_URL_LENGTH:
        raise DomainError(_("La dirección es demasiado larga."), "url")
    return url


def _clean(value: str | None) -> str | None:
    return (value or "").strip()[:300] or None
