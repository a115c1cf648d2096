"""The kinds of record the recycle bin holds, and what the bin needs to know of each.

Agreements, their documents, meetings and their evidence are never deleted: "deleting" one sets
its ``deleted_at`` (with ``deleted_by_id`` and ``deletion_reason``), which hides it everywhere but
the bin, and an admin can restore it unchanged. A document or a piece of evidence also hides
while its agreement or meeting is in the bin, and comes back with it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from registry.agreements.models import Agreement
from registry.documents.models import Document
from registry.i18n import lazy_gettext as _l
from registry.meetings.models import Evidence, Meeting


def _agreement_text(agreement: Agreement) -> str:
    return f"{agreement.folio} · {agreement.title}"


def _document_text(document: Document) -> str:
    parts = [document.kind.label, document.number or "", f"({document.agreement.folio})"]
    text = " ".join(part for part in parts if part)
    return f"{text} · {document.title}" if document.title else text


def _meeting_text(meeting: Meeting) -> str:
    return f"{meeting.folio} · {meeting.title}"


def _evidence_text(evidence: Evidence) -> str:
    name = evidence.title or evidence.url or (evidence.file.original_name if evidence.file else "")
    return f"{evidence.kind.label} ({evidence.meeting.folio}) · {name}".rstrip(" ·")


#: The models whose records go to the bin.
BinModel = type[Agreement] | type[Document] | type[Meeting] | type[Evidence]


@dataclass(frozen=True)
class BinKind:
    """One kind of record the bin holds."""

    #: The kind's name in URLs and the bin's filter (Spanish, as users read addresses).
    key: str
    model: BinModel
    label: Any
    #: Whether moving one to the bin needs a written reason (records with a folio do).
    reason_required: bool
    #: "FOLIO · title": how the bin, the audit browser and the confirmation page name one.
    describe: Callable[[Any], str]
    #: The relationship to the record it belongs to (documents, evidence), if any.
    parent_attr: str | None = None
    #: Endpoint and argument of its page, and of its parent's (documents, evidence).
    endpoint: str = ""
    endpoint_arg: str = ""

    @property
    def audit_entity(self) -> str:
        """The name the audit trail gives this kind of record."""
        return self.model.__audit_entity__

    def parent(self, record) -> Any:
        return getattr(record, self.parent_attr) if self.parent_attr else None

    def is_visible(self, record) -> bool:
        """Neither the record nor the record it belongs to is in the bin."""
        parent = self.parent(record)
        return record.deleted_at is None and (parent is None or parent.deleted_at is None)

    def page_args(self, record) -> dict[str, int]:
        """The URL arguments of the page that shows the record (its parent's for attachments)."""
        target = self.parent(record) or record
        return {self.endpoint_arg: target.id}


KINDS: dict[str, BinKind] = {
    kind.key: kind
    for kind in (
        BinKind(
            "instrumento",
            Agreement,
            _l("Instrumento"),
            True,
            _agreement_text,
            endpoint="agreements.detail",
            endpoint_arg="agreement_id",
        ),
        BinKind(
            "documento",
            Document,
            _l("Documento"),
            False,
            _document_text,
            "agreement",
            endpoint="agreements.detail",
            endpoint_arg="agreement_id",
        ),
        BinKind(
            "reunion",
            Meeting,
            _l("Reunión"),
            True,
            _meeting_text,
            endpoint="meetings.detail",
            endpoint_arg="meeting_id",
        ),
        BinKind(
            "evidencia",
            Evidence,
            _l("Evidencia"),
            False,
            _evidence_text,
            "meeting",
            endpoint="meetings.detail",
            endpoint_arg="meeting_id",
        ),
    )
}

_BY_MODEL = {kind.model: kind for kind in KINDS.values()}


def kind_of(record) -> BinKind:
    """The bin kind of a record (KeyError for a model the bin does not hold)."""
    return _BY_MODEL[type(record)]
