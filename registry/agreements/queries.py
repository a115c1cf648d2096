"""Read-side queries: the agreements list, an agreement's detail (its timeline and audit history)
and the dashboard panel.

Plain functions over the database that know nothing of Flask requests, so the pages, the CLI
and the reports share them. Lists load their related rows eagerly: the number of SQL statements
does not grow with the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Select, case, exists, func, or_, select
from sqlalchemy.orm import selectinload

from registry.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    StatusChange,
    agreement_topics,
)
from registry.agreements.search import text_condition
from registry.agreements.status import (
    ENDS,
    FORMALIZED,
    PROGRESSION,
    Act,
    Status,
    first_reaching_act,
    party_status,
)
from registry.audit.models import AuditEvent
from registry.dates import quarter_bounds, today_local
from registry.documents.models import Document
from registry.extensions import db
from registry.meetings.queries import for_agreement as meetings_for_agreement
from registry.pagination import bounded_count
from registry.parties.models import Party

#: Sort keys the list offers; a leading "-" reverses.
SORTS = ("folio", "title", "status", "last_act", "valid_until")

#: Status order for sorting: the progression, then the ends.
_STATUS_ORDER = case(
    {status.value: rank for rank, status in enumerate((*PROGRESSION, *sorted(ENDS)))},
    value=Agreement.status,
)


@dataclass
class AgreementFilters:
    kind: AgreementKind | None = None
    status: Status | None = None
    topic_id: int | None = None
    party_id: int | None = None
    zmo_only: bool = False
    year: int | None = None
    quarter: int | None = None
    expiring_days: int | None = None
    text: str | None = None
    sort: str = "-last_act"


def period_bounds(year: int | None, quarter: int | None) -> tuple[date, date] | None:
    """The period a year (and optional quarter 1–4) filter means, or None without a year."""
    if year is None:
        return None
    if quarter:
        return quarter_bounds(year, quarter)
    return date(year, 1, 1), date(year, 12, 31)


def earliest_act() -> date | None:
    """The earliest date of any status act or document (what the year filters start from)."""
    firsts = db.session.execute(
        select(
            select(func.min(StatusChange.acted_on)).scalar_subquery(),
            select(func.min(Document.issued_on)).scalar_subquery(),
        )
    ).one()
    return min((day for day in firsts if day), default=None)


def visible_agreements() -> Select:
    """Agreements not in the recycle bin."""
    return select(Agreement).where(Agreement.deleted_at.is_(None))


def agreement_list(filters: AgreementFilters, today: date) -> Select:
    """The list page's query: filtered, sorted, with parties and topics loaded eagerly.

    Year/quarter: agreements with a status move whose act is dated in that period.
    Expiring within N days: open agreements whose validity ends between today and today + N.
    ZMO only: agreements with at least one party in the ZMO (configured delimitation).
    """
    query = visible_agreements()
    if filters.kind:
        query = query.where(Agreement.kind == filters.kind)
    if filters.status:
        query = query.where(Agreement.status == filters.status)
    if filters.topic_id:
        query = query.where(
            exists().where(
                agreement_topics.c.agreement_id == Agreement.id,
                agreement_topics.c.topic_id == filters.topic_id,
            )
        )
    if filters.party_id:
        query = query.where(_has_party(AgreementParty.party_id == filters.party_id))
    if filters.zmo_only:
        query = query.where(_has_party(Party.zmo_column().is_(True), join_party=True))
    period = period_bounds(filters.year, filters.quarter)
    if period:
        query = query.where(
            exists().where(
                StatusChange.agreement_id == Agreement.id,
                StatusChange.acted_on.between(*period),
            )
        )
    if filters.expiring_days is not None:
        query = query.where(
            Agreement.valid_until.between(today, today + timedelta(days=filters.expiring_days)),
            Agreement.status.not_in(ENDS),
        )
    if filters.text and (condition := text_condition(filters.text)) is not None:
        query = query.where(condition)
    return query.order_by(*_order(filters.sort)).options(*list_options())


def list_options():
    """What a list row shows besides the agreement: its parties and topics."""
    return (
        selectinload(Agreement.parties).selectinload(AgreementParty.party),
        selectinload(Agreement.topics),
    )


def _has_party(condition, join_party: bool = False):
    subquery = select(AgreementParty.id).where(AgreementParty.agreement_id == Agreement.id)
    if join_party:
        subquery = subquery.join(Party, Party.id == AgreementParty.party_id)
    return exists(subquery.where(condition))


def _order(sort: str):
    descending = sort.startswith("-")
    key = sort.lstrip("-")
    column = {
        "folio": Agreement.folio,
        "title": Agreement.title,
        "status": _STATUS_ORDER,
        "last_act": Agreement.status_date,
        "valid_until": Agreement.valid_until,
    }.get(key, Agreement.status_date)
    first = column.desc().nulls_last() if descending else column.asc().nulls_last()
    return first, Agreement.id.desc() if descending else Agreement.id.asc()


# Reaching a status in a period ---------------------------------------------------------------


def history_acts(agreement: Agreement) -> list[Act]:
    """The agreement's moves in the order they were recorded (new, unflushed moves last)."""
    changes = sorted(agreement.status_changes, key=lambda c: (c.id is None, c.id or 0))
    return [Act(c.to_status, c.acted_on, c.is_correction, c.acted_on_precision) for c in changes]


@dataclass(frozen=True)
class Reached:
    """An agreement with an act reaching the statuses in the period, and the date it *first*
    reached them after corrections (``status.first_reached``): None if that act was undone."""

    agreement: Agreement
    reached_on: date | None
    #: How precise ``reached_on`` is (day, month, quarter).
    precision: str = "day"

    def counts_in(self, start: date, end: date) -> bool:
        """Whether the agreement counts in [start, end]: it first reached the statuses then,
        and it is not in the recycle bin."""
        return (
            self.agreement.deleted_at is None
            and self.reached_on is not None
            and start <= self.reached_on <= end
        )


def reaching(
    statuses: frozenset[Status] | set[Status] | list,
    start: date,
    end: date,
    *,
    kinds: list | tuple = (),
) -> list[Reached]:
    """Every agreement (of ``kinds``, any if none; the recycle bin included, so that a caller
    can say why it left one out) with an act dated in [start, end] that reached one of
    ``statuses`` (any act, if none are named), with the date it first reached them.

    The one rule of "reached a status in a period": :func:`reached_in_period` (the report's
    formalized agreements) and the MIR indicators of agreements both read it. Three statements
    whatever the number of agreements (the candidates, their histories, their parties).
    """
    wanted = frozenset(Status(status) for status in statuses)
    acts_in_period: ColumnElement[bool] = StatusChange.acted_on.between(start, end)
    if wanted:
        acts_in_period &= StatusChange.to_status.in_(wanted)
    query = (
        select(Agreement)
        .where(exists().where(StatusChange.agreement_id == Agreement.id, acts_in_period))
        .options(
            selectinload(Agreement.status_changes),
            selectinload(Agreement.parties).selectinload(AgreementParty.party),
            selectinload(Agreement.documents),
        )
    )
    if kinds:
        query = query.where(Agreement.kind.in_([AgreementKind(kind) for kind in kinds]))
    found = []
    for agreement in db.session.scalars(query):
        act = first_reaching_act(history_acts(agreement), wanted)
        found.append(
            Reached(agreement, act.acted_on if act else None, act.precision if act else "day")
        )
    return sorted(
        found, key=lambda r: (r.reached_on is None, r.reached_on or date.min, r.agreement.folio)
    )


def reached_in_period(
    statuses: frozenset[Status] | set[Status] | list,
    start: date,
    end: date,
    *,
    kinds: list | tuple = (),
) -> list[Reached]:
    """The agreements not in the recycle bin that first reached one of ``statuses`` (after
    corrections) on a date in [start, end]: each counts once, in that period. By that date,
    then folio."""
    return [r for r in reaching(statuses, start, end, kinds=kinds) if r.counts_in(start, end)]


# Each party's own status --------------------------------------------------------------------


def party_statuses(agreement: Agreement) -> dict[int, Status]:
    """Each party's own status in the agreement (``status.party_status``), by party id."""
    any_signed = any(row.signed_on or row.ratified_on for row in agreement.parties)
    return {
        row.party_id: party_status(
            agreement.status,
            signed=bool(row.signed_on or row.ratified_on),
            withdrawn=row.withdrawn_on is not None,
            any_party_signed=any_signed,
        )
        for row in agreement.parties
    }


@dataclass(frozen=True)
class Signatures:
    """Who of a formalized agreement's parties signed, and who has not (yet)."""

    signed: list[AgreementParty]
    unsigned: list[AgreementParty]
    withdrawn: list[AgreementParty]

    @property
    def partial(self) -> bool:
        """Some parties' signatures are recorded and some are missing."""
        return bool(self.signed) and bool(self.unsigned)

    @property
    def summary(self) -> str | None:
        """'Firmado por 2 de 3 contrapartes' when only some signed; None otherwise."""
        if not self.partial:
            return None
        total = len(self.signed) + len(self.unsigned)
        return _("Firmado por %(n)d de %(total)d contrapartes", n=len(self.signed), total=total)


def signatures(agreement: Agreement) -> Signatures | None:
    """The parties' signatures of a formalized agreement (None if it was never formalized).

    A party counts as signed when its own signing or ratification date is recorded; if no
    party's is, nobody is said to be missing (the agreement's status is all that is known)."""
    if agreement.formalized_on is None and agreement.status not in FORMALIZED:
        return None
    present = [row for row in agreement.parties if row.withdrawn_on is None]
    signed = [row for row in present if row.signed_on or row.ratified_on]
    unsigned = [row for row in present if not (row.signed_on or row.ratified_on)] if signed else []
    withdrawn = [row for row in agreement.parties if row.withdrawn_on is not None]
    return Signatures(signed, unsigned, withdrawn)


# An agreement's detail ------------------------------------------------------------------------


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
    """Status moves, documents and the linked meetings (on their first date), oldest first.

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
    entries += [
        TimelineEntry(meeting.first_date, "meetings/_timeline_entry.html", meeting, 2)
        for meeting in meetings_for_agreement(agreement.id)
    ]
    return sorted(entries, key=lambda e: (e.day is None, e.day or date.min, e.order))


def audit_history(agreement: Agreement, limit: int = 100) -> list[AuditEvent]:
    """The audit events of the agreement and of its documents, newest first."""
    document_ids = [str(document.id) for document in agreement.documents]
    condition: ColumnElement[bool] = (AuditEvent.entity == "agreement") & (
        AuditEvent.entity_id == str(agreement.id)
    )
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


# Dashboard -------------------------------------------------------------------------------------


#: Agreements listed under "validity ends soon" on the dashboard; the rest are one click away.
DASHBOARD_EXPIRING = 10


@dataclass
class DashboardPanel:
    by_status: list[tuple[Status, int]]
    by_kind: list[tuple[AgreementKind, int]]
    total: int
    expiring: list[Agreement]
    expiring_count: int
    expiring_count_is_exact: bool
    recent_moves: list[StatusChange]
    expiring_days: int


def _counts(column) -> dict:
    alive = Agreement.deleted_at.is_(None)
    rows = db.session.execute(select(column, func.count()).where(alive).group_by(column))
    return {key: count for key, count in rows}


def status_and_kind_counts() -> tuple[dict, dict]:
    """Visible agreements by status and by kind."""
    return _counts(Agreement.status), _counts(Agreement.kind)


def dashboard_panel(today: date | None = None, days: int = 90) -> DashboardPanel:
    """Counts by status and kind, agreements whose validity ends within ``days``, last moves."""
    today = today or today_local()
    statuses, kinds = status_and_kind_counts()
    expiring_query = agreement_list(AgreementFilters(expiring_days=days, sort="valid_until"), today)
    expiring = db.session.scalars(expiring_query.limit(DASHBOARD_EXPIRING)).all()
    expiring_count, exact = bounded_count(expiring_query)
    moves = db.session.scalars(
        select(StatusChange)
        .join(StatusChange.agreement)
        .where(Agreement.deleted_at.is_(None))
        .order_by(StatusChange.recorded_at.desc(), StatusChange.id.desc())
        .limit(10)
        .options(selectinload(StatusChange.agreement), selectinload(StatusChange.recorded_by))
    ).all()
    return DashboardPanel(
        by_status=[(status, statuses.get(status, 0)) for status in Status],
        by_kind=[(kind, kinds.get(kind, 0)) for kind in AgreementKind],
        total=sum(statuses.values()),
        expiring=list(expiring),
        expiring_count=expiring_count,
        expiring_count_is_exact=exact,
        recent_moves=list(moves),
        expiring_days=days,
    )
