"""The partner map's relationships: with whom the municipality is allied, and at what stage.

Plain functions over the database (no Flask request), shared by the map page, its PNG and
GeoJSON exports and the tests. What they mean (the page says it in one line):

- **Without a period**: every agreement not in the recycle bin, with its current status.
- **With a period** (a year, or a year and a quarter): the agreements *under way* during it,
  each with its status on the period's last day (``reports.quarterly.status_on``). Under way:
  its history had started by the period's last day and it had not ended (``concluido`` or
  ``cancelado``) before the period's first day; one reopened during the period counts.
- **Meetings** count by their first date: those whose first date falls in the period (all of
  them without a period).
- The kind, status and topic filters apply to agreements (the status being the one above);
  meetings are filtered by the period only.
- A party's relationship is its **most advanced** status:
  ratificado > firmado > negociación > intención > concluido > cancelado.

Only parties the map can draw take part: municipalities of the ZMO (configured delimitation)
and parties with a representative point. Oaxaca de Juárez ("us") is never a counterpart.
A constant number of SQL statements whatever the number of agreements and meetings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import NamedTuple

from sqlalchemy import and_, exists, func, or_, select

from registry.agreements.models import (
    Agreement,
    AgreementKind,
    AgreementParty,
    StatusChange,
    agreement_topics,
)
from registry.agreements.queries import period_bounds
from registry.agreements.status import ENDS, Status
from registry.dates import today_local
from registry.extensions import db
from registry.meetings.models import Meeting, MeetingKind, meeting_parties
from registry.parties.models import Party, PartyKind
from registry.reports.quarterly import status_on

#: Most advanced first: the order that decides a party's relationship.
ADVANCE = (
    Status.RATIFICADO,
    Status.FIRMADO,
    Status.NEGOCIACION,
    Status.INTENCION,
    Status.CONCLUIDO,
    Status.CANCELADO,
)
_RANK = {status: rank for rank, status in enumerate(ADVANCE)}


def advance_rank(status: Status | None) -> int:
    """0 for ratificado, 1 for firmado … and last for no status: for sorting."""
    return _RANK.get(status, len(ADVANCE)) if status else len(ADVANCE)


def most_advanced(statuses: Iterable[Status]) -> Status | None:
    """The most advanced of ``statuses`` (see :data:`ADVANCE`), None when there are none."""
    return min(statuses, key=_RANK.__getitem__, default=None)


@dataclass(frozen=True)
class MapFilters:
    """What the map shows; None means "any". A quarter without a year is ignored."""

    year: int | None = None
    quarter: int | None = None
    kind: AgreementKind | None = None
    status: Status | None = None
    topic_id: int | None = None

    @property
    def period(self) -> tuple[date, date] | None:
        return period_bounds(self.year, self.quarter if self.year else None)


@dataclass(frozen=True)
class AgreementEntry:
    id: int
    folio: str
    title: str
    kind: AgreementKind
    #: Its status as the map shows it: current, or on the period's last day.
    status: Status


@dataclass(frozen=True)
class MeetingEntry:
    id: int
    folio: str
    title: str
    kind: MeetingKind
    first_date: date


@dataclass
class Relationship:
    """One party as the map shows it: who it is, where, and its agreements and meetings."""

    party_id: int
    name: str
    kind: PartyKind
    cvegeo: str | None = None
    state: str | None = None
    country: str | None = None
    #: Member of the ZMO under the configured delimitation.
    is_zmo: bool = False
    latitude: float | None = None
    longitude: float | None = None
    #: Most advanced first, then by folio.
    agreements: list[AgreementEntry] = field(default_factory=list)
    #: Latest first.
    meetings: list[MeetingEntry] = field(default_factory=list)

    @property
    def status(self) -> Status | None:
        """The most advanced status of its agreements; None without agreements."""
        return most_advanced(agreement.status for agreement in self.agreements)

    @property
    def activity(self) -> int:
        """How many agreements and meetings: what the "actividad" colouring counts."""
        return len(self.agreements) + len(self.meetings)


def relationships(filters: MapFilters) -> dict[int, Relationship]:
    """Every drawable party with an agreement or a meeting under ``filters``, by party id."""
    found: dict[int, Relationship] = {}
    for row, status in _agreement_rows(filters):
        entry = AgreementEntry(row.agreement_id, row.folio, row.title, row.agreement_kind, status)
        _relationship(found, row).agreements.append(entry)
    for row in _meeting_rows(filters.period):
        entry = MeetingEntry(row.meeting_id, row.folio, row.title, row.meeting_kind, row.first_date)
        _relationship(found, row).meetings.append(entry)
    for relationship in found.values():
        relationship.agreements.sort(key=lambda a: (_RANK[a.status], a.folio))
    return found


def status_in_period(agreement, start: date, end: date) -> Status | None:
    """The agreement's status on ``end`` if it was under way during [start, end], else None.

    ``agreement`` is anything with ``status_changes`` (moves with ``to_status``, ``acted_on``,
    ``recorded_at``, ``id``), as ``reports.quarterly.status_on`` reads it.
    """
    at_end = status_on(agreement, end)
    if at_end is None:
        return None  # its history starts after the period
    entering = status_on(agreement, start - timedelta(days=1))
    acted = any(start <= move.acted_on <= end for move in agreement.status_changes)
    return at_end if entering not in ENDS or acted else None


def period_years() -> list[int]:
    """The years a period filter offers: from the first act or meeting to this year, newest
    first."""
    firsts = db.session.execute(
        select(
            select(func.min(StatusChange.acted_on)).scalar_subquery(),
            select(func.min(Meeting.first_date)).scalar_subquery(),
        )
    ).one()
    this_year = today_local().year
    start = min([day.year for day in firsts if day] + [this_year])
    return list(range(this_year, start - 1, -1))


# Internals -------------------------------------------------------------------------------------


def _party_columns():
    return (
        Party.id.label("party_id"),
        Party.name,
        Party.kind.label("party_kind"),
        Party.cvegeo,
        Party.state,
        Party.country,
        Party.zmo_column().label("is_zmo"),
        Party.latitude,
        Party.longitude,
    )


def _drawable():
    """Parties the map can draw: ZMO members or parties with a point; never "us"."""
    has_point = and_(Party.latitude.is_not(None), Party.longitude.is_not(None))
    return and_(Party.is_self.is_(False), or_(Party.zmo_column().is_(True), has_point))


def _relationship(found: dict[int, Relationship], row) -> Relationship:
    if row.party_id not in found:
        found[row.party_id] = Relationship(
            party_id=row.party_id,
            name=row.name,
            kind=row.party_kind,
            cvegeo=row.cvegeo,
            state=row.state,
            country=row.country,
            is_zmo=bool(row.is_zmo),
            latitude=row.latitude,
            longitude=row.longitude,
        )
    return found[row.party_id]


def _agreement_conditions(filters: MapFilters) -> list:
    conditions = [Agreement.deleted_at.is_(None), _drawable()]
    if filters.kind:
        conditions.append(Agreement.kind == filters.kind)
    if filters.topic_id:
        conditions.append(
            exists().where(
                agreement_topics.c.agreement_id == Agreement.id,
                agreement_topics.c.topic_id == filters.topic_id,
            )
        )
    period = filters.period
    if period is None:
        if filters.status:
            conditions.append(Agreement.status == filters.status)
    else:  # started by the period's end; the rest is decided from the history below
        conditions.append(
            exists().where(
                StatusChange.agreement_id == Agreement.id, StatusChange.acted_on <= period[1]
            )
        )
    return conditions


def _agreement_rows(filters: MapFilters) -> list[tuple]:
    """(row, status shown) for each (agreement, drawable party) pair that passes ``filters``."""
    query = (
        select(
            Agreement.id.label("agreement_id"),
            Agreement.folio,
            Agreement.title,
            Agreement.kind.label("agreement_kind"),
            Agreement.status,
            *_party_columns(),
        )
        .join(AgreementParty, AgreementParty.agreement_id == Agreement.id)
        .join(Party, Party.id == AgreementParty.party_id)
        .where(*_agreement_conditions(filters))
        .order_by(Agreement.folio, Party.id)
    )
    rows = db.session.execute(query).all()
    period = filters.period
    if period is None:
        return [(row, row.status) for row in rows]
    ids = query.with_only_columns(Agreement.id).order_by(None).distinct()
    statuses = _statuses_in_period(ids, *period)
    return [
        (row, statuses[row.agreement_id])
        for row in rows
        if row.agreement_id in statuses
        and (filters.status is None or statuses[row.agreement_id] == filters.status)
    ]


class _History(NamedTuple):
    """What ``status_on`` reads of an agreement: its moves (plain rows, no ORM objects)."""

    status_changes: list


def _statuses_in_period(agreement_ids, start: date, end: date) -> dict[int, Status]:
    """Status on ``end`` of each agreement of ``agreement_ids`` under way in [start, end]."""
    moves = db.session.execute(
        select(
            StatusChange.agreement_id,
            StatusChange.to_status,
            StatusChange.acted_on,
            StatusChange.recorded_at,
            StatusChange.id,
        ).where(
            StatusChange.agreement_id.in_(agreement_ids),
            StatusChange.acted_on <= end,
        )
    )
    histories: dict[int, list] = defaultdict(list)
    for move in moves:
        histories[move.agreement_id].append(move)
    statuses = {
        agreement_id: status_in_period(_History(history), start, end)
        for agreement_id, history in histories.items()
    }
    return {agreement_id: status for agreement_id, status in statuses.items() if status}


def _meeting_rows(period: tuple[date, date] | None) -> list:
    """(meeting, drawable party) rows, latest first; by first date in ``period`` if given."""
    query = (
        select(
            Meeting.id.label("meeting_id"),
            Meeting.folio,
            Meeting.title,
            Meeting.kind.label("meeting_kind"),
            Meeting.first_date,
            *_party_columns(),
        )
        .join(meeting_parties, meeting_parties.c.meeting_id == Meeting.id)
        .join(Party, Party.id == meeting_parties.c.party_id)
        .where(Meeting.deleted_at.is_(None), _drawable())
        .order_by(Meeting.first_date.desc(), Meeting.id.desc())
    )
    if period:
        query = query.where(Meeting.first_date.between(*period))
    return db.session.execute(query).all()
