"""What record an audit event is about, named as users know it, and linked while it is visible.

For one page of events this loads each kind of record once (one query per kind, whatever the
number of events), so the audit browser issues a bounded number of SQL statements.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.agreements.models import Agreement
from registry.audit.models import AuditEvent
from registry.auth.models import User
from registry.commitments.models import Commitment
from registry.documents.models import Document
from registry.extensions import db
from registry.indicators.models import Indicator
from registry.meetings.models import Evidence, Meeting
from registry.navigation import maybe_url
from registry.parties.models import Party
from registry.recycle.kinds import kind_of
from registry.topics.models import Topic


@dataclass(frozen=True)
class RecordRef:
    """An event's record: how to name it, its page (None when there is none to show)."""

    text: str
    url: str | None = None
    #: The record (or the one it belongs to) is in the recycle bin.
    in_bin: bool = False


#: The models whose records audit events name and the browser resolves.
Resolvable = (
    type[Agreement]
    | type[Document]
    | type[Meeting]
    | type[Evidence]
    | type[Commitment]
    | type[Party]
    | type[Topic]
    | type[Indicator]
    | type[User]
)


@dataclass(frozen=True)
class Resolver:
    model: Resolvable
    describe: Callable[[Any], str]
    #: (endpoint, URL arguments) of the record's page, when it has one.
    page: Callable[[Any], tuple[str, dict]] | None = None
    options: tuple = ()


def _binned(record) -> bool:
    return not kind_of(record).is_visible(record)


def _bin_page(record) -> tuple[str, dict]:
    kind = kind_of(record)
    anchor = {Document: "documentos", Evidence: "evidencia"}.get(type(record))
    args = kind.page_args(record) | ({"_anchor": anchor} if anchor else {})
    return kind.endpoint, args


RESOLVERS: dict[str, Resolver] = {
    "agreement": Resolver(Agreement, lambda r: kind_of(r).describe(r), _bin_page),
    "document": Resolver(
        Document,
        lambda r: kind_of(r).describe(r),
        _bin_page,
        (selectinload(Document.agreement),),
    ),
    "meeting": Resolver(Meeting, lambda r: kind_of(r).describe(r), _bin_page),
    "evidence": Resolver(
        Evidence,
        lambda r: kind_of(r).describe(r),
        _bin_page,
        (selectinload(Evidence.meeting), selectinload(Evidence.file)),
    ),
    "commitment": Resolver(
        Commitment,
        lambda r: f"{r.meeting.folio} · {r.text}",
        lambda r: ("commitments.detail", {"commitment_id": r.id}),
        (selectinload(Commitment.meeting),),
    ),
    "party": Resolver(Party, lambda r: r.name, lambda r: ("parties.detail", {"party_id": r.id})),
    "topics": Resolver(Topic, lambda r: r.name, lambda r: ("topics.edit", {"topic_id": r.id})),
    "indicator": Resolver(Indicator, lambda r: f"{r.code} · {r.name}"),
    "users": Resolver(
        User, lambda r: f"{r.full_name} ({r.email})", lambda r: ("users.edit", {"user_id": r.id})
    ),
}


def _in_bin(entity: str, record) -> bool:
    if entity == "commitment":
        return record.meeting.deleted_at is not None
    return entity in ("agreement", "document", "meeting", "evidence") and _binned(record)


def record_refs(events: Iterable[AuditEvent]) -> dict[int, RecordRef | None]:
    """Each event's record by event id (None: the event names no record, e.g. an import)."""
    events = list(events)
    wanted: dict[str, set[int]] = defaultdict(set)
    for event in events:
        entity_id = event.entity_id or ""
        if event.entity in RESOLVERS and entity_id.isdigit():
            wanted[event.entity].add(int(entity_id))
    found = {entity: _load(entity, ids) for entity, ids in wanted.items()}
    refs: dict[int, RecordRef | None] = {}
    for event in events:
        if not event.entity_id:
            refs[event.id] = None
            continue
        record_id = _int(event.entity_id)
        record = found.get(event.entity, {}).get(record_id) if record_id is not None else None
        refs[event.id] = _ref(event.entity, record) if record else RecordRef(f"#{event.entity_id}")
    return refs


def _load(entity: str, ids: set[int]) -> dict[int, Any]:
    resolver = RESOLVERS[entity]
    query = select(resolver.model).where(resolver.model.id.in_(ids)).options(*resolver.options)
    records: Iterable[Any] = db.session.scalars(query)  # of resolver.model, whichever it is
    return {record.id: record for record in records}


def _ref(entity: str, record) -> RecordRef:
    resolver = RESOLVERS[entity]
    in_bin = _in_bin(entity, record)
    url = None
    if resolver.page is not None and not in_bin:
        endpoint, args = resolver.page(record)
        url = maybe_url(endpoint, **args)
    return RecordRef(resolver.describe(record), url, in_bin)


def _int(value: str) -> int | None:
    return int(value) if value.isdigit() else None
