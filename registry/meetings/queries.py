"""Reading meetings: the list, the calendar, the feed, the dashboard, other domains' pages.

Plain functions over the session, nothing of Flask, so pages, reports, the CLI and tests share
them. Deleted meetings (``deleted_at`` set) are never returned. Lists load what they show
eagerly, so the number of SQL statements does not grow with the number of rows.
"""

from __future__ import annotations

import calendar
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import Select, exists, func, select
from sqlalchemy.orm import contains_eager, selectinload

from registry.commitments.queries import overdue_count
from registry.dates import today_local
from registry.extensions import db
from registry.meetings.models import (
    Meeting,
    MeetingDate,
    MeetingState,
    meeting_agreements,
    meeting_parties,
)
from registry.parties.models import Party
from registry.text import like_pattern
from registry.topics.models import Topic

#: Past meetings stay in the calendar feed this long, so they do not vanish from the phone at once.
KEEP_PAST_DAYS = 60
#: At most this many meetings per feed (a calendar client's refresh must stay light).
FEED_LIMIT = 500


def list_loads() -> tuple:
    """What a row of a meeting list shows besides the meeting itself, loaded eagerly."""
    return (
        selectinload(Meeting.dates),
        selectinload(Meeting.parties),
        selectinload(Meeting.indicator),
    )


def report_loads() -> tuple:
    """What the quarterly report reads of a meeting besides a list row: areas and evidence."""
    return (*list_loads(), selectinload(Meeting.areas), selectinload(Meeting.evidence))


@dataclass
class MeetingFilters:
    """The list page's filters; None means "any"."""

    kind: str | None = None
    party_id: int | None = None
    topic_id: int | None = None
    indicator_id: int | None = None
    #: Meetings with at least one date in [date_from, date_to].
    date_from: date | None = None
    date_to: date | None = None
    #: Words of the folio, title, place, description or people (accents and case ignored).
    text: str | None = None


def not_deleted():
    """The condition every query adds: the meeting was not deleted."""
    return Meeting.deleted_at.is_(None)


def search(filters: MeetingFilters) -> Select:
    """Meetings matching ``filters``, latest first, with their dates, parties and indicator."""
    query = select(Meeting).where(not_deleted()).options(*list_loads())
    if filters.kind:
        query = query.where(Meeting.kind == filters.kind)
    if filters.party_id:
        query = query.where(Meeting.parties.any(Party.id == filters.party_id))
    if filters.topic_id:
        query = query.where(Meeting.topics.any(Topic.id == filters.topic_id))
    if filters.indicator_id:
        query = query.where(Meeting.indicator_id == filters.indicator_id)
    if filters.date_from or filters.date_to:
        query = query.where(_has_date_between(filters.date_from, filters.date_to))
    if filters.text and filters.text.strip():
        query = query.where(Meeting.search_key.like(like_pattern(filters.text), escape="\\"))
    return query.order_by(Meeting.first_date.desc(), Meeting.id.desc())


def _has_date_between(start: date | None, end: date | None):
    conditions = [MeetingDate.meeting_id == Meeting.id]
    if start:
        conditions.append(MeetingDate.day >= start)
    if end:
        conditions.append(MeetingDate.day <= end)
    return exists().where(*conditions)


def in_period_condition(start: date, end: date):
    """The one quarter filter of meetings: a meeting belongs to the period of its **first**
    date (an inspection on 28 June and 2 July is a Q2 meeting). The report, the indicators, the
    map and the lists of a period all use it."""
    return Meeting.first_date.between(start, end)


def held():
    """Meetings that took place (``realizada``): the only ones that count anywhere."""
    return Meeting.state == MeetingState.REALIZADA


def in_period(start: date, end: date, *, held_only: bool = True) -> list[Meeting]:
    """Meetings not in the recycle bin whose first date falls in [start, end], held ones only
    unless told otherwise, by first date then folio: what the quarterly report lists."""
    query = (
        select(Meeting)
        .where(not_deleted(), in_period_condition(start, end))
        .options(*report_loads())
        .order_by(Meeting.first_date, Meeting.folio)
    )
    if held_only:
        query = query.where(held())
    return list(db.session.scalars(query))


def for_agreement(agreement_id: int) -> list[Meeting]:
    """Meetings linked to an agreement, oldest first: for the agreement's timeline."""
    query = (
        select(Meeting)
        .join(meeting_agreements, meeting_agreements.c.meeting_id == Meeting.id)
        .where(meeting_agreements.c.agreement_id == agreement_id, not_deleted())
        .options(*list_loads())
        .order_by(Meeting.first_date, Meeting.id)
    )
    return list(db.session.scalars(query))


def for_party(party_id: int, limit: int | None = None) -> list[Meeting]:
    """Meetings a party took part in, latest first (at most ``limit``): for the party's page."""
    query = (
        select(Meeting)
        .join(meeting_parties, meeting_parties.c.meeting_id == Meeting.id)
        .where(meeting_parties.c.party_id == party_id, not_deleted())
        .options(*list_loads())
        .order_by(Meeting.first_date.desc(), Meeting.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def count_for_party(party_id: int) -> int:
    """How many meetings a party took part in (for "ver las N reuniones")."""
    query = (
        select(func.count())
        .select_from(Meeting)
        .join(meeting_parties, meeting_parties.c.meeting_id == Meeting.id)
        .where(meeting_parties.c.party_id == party_id, not_deleted())
    )
    return db.session.scalar(query) or 0


def dates_between(start: date, end: date) -> list[tuple[date, Meeting]]:
    """Every (date, meeting) with the date in [start, end], by date and time: a multi-date
    meeting appears once on each of its dates."""
    query = (
        select(MeetingDate)
        .join(MeetingDate.meeting)
        .where(not_deleted(), MeetingDate.day.between(start, end))
        .options(contains_eager(MeetingDate.meeting).selectinload(Meeting.parties))
        .order_by(MeetingDate.day, Meeting.start_time.is_not(None), Meeting.start_time, Meeting.id)
    )
    return [(row.day, row.meeting) for row in db.session.scalars(query)]


def month_weeks(year: int, month: int) -> list[list[tuple[date, list[Meeting]]]]:
    """The month as weeks (Monday first) of (day, meetings that day); days of the neighbouring
    months that fill the first and last week are included with their meetings too."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    by_day: dict[date, list[Meeting]] = defaultdict(list)
    for day, meeting in dates_between(weeks[0][0], weeks[-1][-1]):
        by_day[day].append(meeting)
    return [[(day, by_day.get(day, [])) for day in week] for week in weeks]


def upcoming(today: date | None = None, limit: int = 5) -> list[tuple[date, Meeting]]:
    """The next ``limit`` (date, meeting) pairs from today on, of meetings not cancelled."""
    today = today or today_local()
    query = (
        select(MeetingDate)
        .join(MeetingDate.meeting)
        .where(not_deleted(), MeetingDate.day >= today, Meeting.state != MeetingState.CANCELADA)
        .options(contains_eager(MeetingDate.meeting))
        .order_by(MeetingDate.day, Meeting.start_time.is_not(None), Meeting.start_time, Meeting.id)
        .limit(limit)
    )
    return [(row.day, row.meeting) for row in db.session.scalars(query)]


def awaiting_confirmation(today: date | None = None, limit: int | None = 10) -> list[Meeting]:
    """Programada meetings whose dates have all passed, oldest first: someone must say whether
    they were held (realizada) or cancelled; until then they count nowhere."""
    today = today or today_local()
    date_ahead = exists().where(MeetingDate.meeting_id == Meeting.id, MeetingDate.day >= today)
    query = (
        select(Meeting)
        .where(not_deleted(), Meeting.state == MeetingState.PROGRAMADA, ~date_ahead)
        .options(selectinload(Meeting.evidence))
        .order_by(Meeting.first_date, Meeting.id)
        .limit(limit)
    )
    return list(db.session.scalars(query))


def feed_meetings(today: date) -> list[Meeting]:
    """Meetings with a date from ``KEEP_PAST_DAYS`` ago on, soonest first."""
    since = today - timedelta(days=KEEP_PAST_DAYS)
    has_recent_date = (
        select(MeetingDate.id)
        .where(MeetingDate.meeting_id == Meeting.id, MeetingDate.day >= since)
        .exists()
    )
    query = (
        select(Meeting)
        .where(not_deleted(), has_recent_date)
        .options(*list_loads())
        .order_by(Meeting.first_date, Meeting.id)
        .limit(FEED_LIMIT)
    )
    return list(db.session.scalars(query))


def recently_recorded(today: date | None = None, limit: int = 5) -> list[Meeting]:
    """The last ``limit`` meetings recorded (newest first) that began before today: what the
    unit logged lately (meetings from today on are listed as upcoming instead).

    Newest by id, which grows with each record saved: the primary key read backwards stops at
    the fifth match, where ordering by ``created_at`` sorted every past meeting of the table.
    """
    today = today or today_local()
    query = (
        select(Meeting)
        .where(not_deleted(), Meeting.first_date < today)
        .order_by(Meeting.id.desc())
        .limit(limit)
    )
    return list(db.session.scalars(query))


def dashboard_panel() -> dict:
    """The dashboard's meetings panel: overdue commitments, the next and the latest logged."""
    today = today_local()
    overdue, exact = overdue_count(today)
    return {
        "overdue": overdue,
        "overdue_exact": exact,
        "upcoming": upcoming(today, limit=5),
        "to_confirm": awaiting_confirmation(today),
        "recent": recently_recorded(today, limit=5),
    }
