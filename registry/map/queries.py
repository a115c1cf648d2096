"""The partner map's relationships: with whom the municipality is allied, and at what stage.

Plain functions over the database (no Flask request), shared by the map page, its PNG and
GeoJSON exports and the tests. What they mean (the page says it in one line):

- **Without a period**: every agreement not in the recycle bin, with its current status.
- **With a period** (a year, or a year and a quarter): the agreements *under way* during it,
  each with its status on the period's last day. Under way: its history had started by the
  period's last day, and it had not ended (``concluido`` or ``cancelado``) before the period's
  first day; one reopened during the period counts. "Status on a day" is the quarterly report's
  (``reports.queries.status_on``: the last move dated on or before it, ties broken by when
  and in which order the moves were recorded), evaluated in SQL (``statements.status_at``) so
  that 10,000 agreements cost no more Python than 10; tests check both agree on random
  histories.
- **Meetings** count by their first date: those whose first date falls in the period (all of
  them without a period).
- The kind, status and topic filters apply to agreements (the status being the one above);
  meetings are filtered by the period only.
- A party's relationship is its **most advanced** status:
  ratificado > firmado > negociación > intención > concluido > cancelado.

Only parties the map can draw take part: municipalities of the ZMO (configured delimitation)
and parties with a representative point. Oaxaca de Juárez ("us") is never a counterpart.
Two SQL statements whatever the number of agreements and meetings (``statements``): the
database counts and ranks, and only the few agreements and meetings a popup lists travel to
Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache

from sqlalchemy import Select, func, select

from registry.agreements.models import AgreementKind, StatusChange
from registry.agreements.queries import period_bounds
from registry.agreements.status import Status
from registry.dates import today_local
from registry.extensions import db
from registry.map import statements
from registry.meetings.models import Meeting, MeetingKind
from registry.parties.models import PartyKind, zmo_delimitation

#: Most advanced first: the order that decides a party's relationship.
ADVANCE = (
    Status.RATIFICADO,
    Status.FIRMADO,
    Status.NEGOCIACION,
    Status.INTENCION,
    Status.CONCLUIDO,
    Status.CANCELADO,
)
#: How many agreements and meetings of each party travel to the page (its popup lists them).
LISTED_AGREEMENTS = 8
LISTED_MEETINGS = 5


def advance_rank(status: Status | None) -> int:
    """0 for ratificado, 1 for firmado … and last for no status: for sorting."""
    return ADVANCE.index(status) if status else len(ADVANCE)


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
    agreement_count: int = 0
    #: The first ``LISTED_AGREEMENTS``: most advanced first, then by folio.
    agreements: list[AgreementEntry] = field(default_factory=list)
    meeting_count: int = 0
    #: The latest ``LISTED_MEETINGS``.
    meetings: list[MeetingEntry] = field(default_factory=list)

    @property
    def status(self) -> Status | None:
        """The most advanced status of its agreements; None without agreements."""
        return self.agreements[0].status if self.agreements else None

    @property
    def activity(self) -> int:
        """How many agreements and meetings: what the "actividad" colouring counts."""
        return self.agreement_count + self.meeting_count


@dataclass
class MapData:
    """The relationships of every drawable party, and how many distinct agreements and meetings
    they add up to (one with two parties counts once)."""

    by_party: dict[int, Relationship]
    agreement_total: int = 0
    meeting_total: int = 0


def relationships(filters: MapFilters) -> MapData:
    """Every drawable party with an agreement or a meeting under ``filters``: two statements
    whatever the number of records."""
    data = MapData({})
    listed_agreements, listed_meetings = _statements(filters, zmo_delimitation())
    for row in db.session.execute(listed_agreements):
        relation = _relationship(data.by_party, row)
        relation.agreement_count, data.agreement_total = row.total, row.distinct_total
        relation.agreements.append(
            AgreementEntry(row.agreement_id, row.folio, row.title, row.agreement_kind, row.status)
        )
    for row in db.session.execute(listed_meetings):
        relation = _relationship(data.by_party, row)
        relation.meeting_count, data.meeting_total = row.total, row.distinct_total
        relation.meetings.append(
            MeetingEntry(row.meeting_id, row.folio, row.title, row.meeting_kind, row.first_date)
        )
    return data


@lru_cache(maxsize=256)
def _statements(filters: MapFilters, delimitation: str) -> tuple[Select, Select]:
    """The two statements for ``filters``, built once: on a small registry building them costs
    more than running them. (The ZMO delimitation is part of the key: it changes a column.)"""
    return (
        statements.listed_agreements(filters, ADVANCE, LISTED_AGREEMENTS),
        statements.listed_meetings(filters.period, LISTED_MEETINGS),
    )


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
