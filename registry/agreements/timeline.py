"""An agreement's detail: its timeline (status moves, documents, and other domains' events)
and its audit history.

Other domains put their own events on the timeline (e.g. the meetings linked to an agreement)
by adding a "module:function" line to ``TIMELINE_SOURCES``: the function takes the agreement and
returns ``TimelineEntry`` objects whose ``template`` renders one entry (it receives ``entry``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from importlib import import_module
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import selectinload

from registry.agreements.models import Agreement, AgreementParty, StatusChange
from registry.audit.models import AuditEvent
from registry.documents.models import Document
from registry.extensions import db

#: "module:function" of each extra source of timeline entries (function(agreement) → entries).
TIMELINE_SOURCES: list[str] = [
    "registry.meetings.queries:agreement_timeline_entries",
]


@dataclass
class TimelineEntry:
    day: date | None
    #: Partial that renders the entry, e.g. "agreements/timeline/_status.html".
    template: str
    item: Any
    #: Among entries of the same day, lower first.
    order: int = 0


def load_agreement(agreement_id: int) -> Agreement | None:
    """A visible agreement with everything its detail page shows, in a bounded number of queries."""
    return db.session.scalar(
        select(Agreement)
        .where(Agreement.id == agreement_id, Agreement.deleted_at.is_(None))
        .options(
            selectinload(Agreement.parties).selectinload(AgreementParty.party),
            selectinload(Agreement.topics),
            selectinload(Agreement.status_changes).selectinload(StatusChange.recorded_by),
            selectinload(Agreement.status_changes).selectinload(StatusChange.evidence),
            selectinload(Agreement.documents).selectinload(Document.file),
            selectinload(Agreement.created_by),
        )
    )


def timeline(agreement: Agreement) -> list[TimelineEntry]:
    """Status moves and documents, and the entries of ``TIMELINE_SOURCES``, oldest first.

    Entries without a date (a document the seed does not date) go last.
    """
    entries = [
        TimelineEntry(change.acted_on, "agreements/timeline/_status.html", change, 1)
        for change in agreement.status_changes
    ]
    entries += [
        TimelineEntry(document.issued_on, "agreements/timeline/_document.html", document, 0)
        for document in agreement.visible_documents
    ]
    for path in TIMELINE_SOURCES:
        entries += _resolve(path)(agreement)
    return sorted(entries, key=lambda e: (e.day is None, e.day or date.min, e.order))


def audit_history(agreement: Agreement, limit: int = 100) -> list[AuditEvent]:
    """The audit events of the agreement and of its documents, newest first."""
    document_ids = [str(document.id) for document in agreement.documents]
    condition = (AuditEvent.entity == "agreement") & (AuditEvent.entity_id == str(agreement.id))
    if document_ids:
        condition = or_(
            condition,
            (AuditEvent.entity == "document") & AuditEvent.entity_id.in_(document_ids),
        )
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(condition)
            .order_by(AuditEvent.occurred_at.desc(), AuditEvent.id.desc())
            .limit(limit)
        )
    )


def _resolve(path: str) -> Callable[[Agreement], list[TimelineEntry]]:
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)
