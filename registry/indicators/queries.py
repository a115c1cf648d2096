"""What counts for a MIR indicator, why, and its percent of the annual goal.

The one function that decides "counted for an indicator" is :func:`tally`: it returns the
records it counted **and** the period's records it left out, each with its reason, so the
figure and its explanation can never disagree. The report page, its JSON, CSV, XLSX and DOCX,
the indicator pages and the command line all call it (docs/counting-rules.md).

- An indicator of **meetings** looks at the meetings assigned to it whose first date falls in
  the period (``meetings.queries.in_period_condition``) and counts those that are held
  (``realizada``), not in the recycle bin, with at least one outside party (not Oaxaca de
  Juárez, not one of our own areas: areas are never parties) when the indicator asks for one,
  and with a ZMO municipality among the parties when the indicator asks for one (12.2).
- An indicator of **agreements** counts the agreements (of its kinds) that *first reached* one
  of its statuses, after corrections, on a date in the period (``agreements.queries.reaching``,
  the same rule as the report's formalized agreements), never from the recycle bin: each
  counts once, in that period.

Plain functions over the database (no Flask request).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.agreements.models import AgreementKind
from registry.agreements.queries import reaching
from registry.agreements.status import Status
from registry.dates import quarter_bounds
from registry.extensions import db
from registry.i18n import lazy_gettext as _l
from registry.indicators.models import Indicator, IndicatorSource
from registry.meetings.models import Meeting, MeetingKind, MeetingState
from registry.meetings.queries import in_period_condition

#: Why a record of the period was left out: code → what the report says.
REASONS = {
    "in_bin": _l("en la papelera"),
    "programada": _l("programada"),
    "cancelada": _l("cancelada"),
    "no_outside_party": _l("sin contraparte externa"),
    "outside_zmo": _l("fuera de la Zona Metropolitana"),
    "reached_before": _l("ya contó en un periodo anterior"),
    "undone": _l("anulado por una corrección"),
}


@dataclass(frozen=True)
class Entry:
    """A record of the period as an indicator sees it: counted (``reason`` None) or left out."""

    record: str  # "meeting" or "agreement"
    id: int
    folio: str
    title: str
    #: The date that placed it in the period: the meeting's first date, the agreement's act.
    day: date | None
    reason: str | None = None

    @property
    def reason_text(self) -> str:
        return str(REASONS[self.reason]) if self.reason else ""

    def as_dict(self) -> dict:
        row = {
            "record": self.record,
            "folio": self.folio,
            "title": self.title,
            "date": self.day.isoformat() if self.day else None,
        }
        if self.reason:
            row |= {"reason": self.reason, "reason_text": self.reason_text}
        return row


@dataclass
class Tally:
    """What an indicator counted in a period, and what of the period it left out, and why."""

    counted: list[Entry]
    left_out: list[Entry]

    @property
    def achieved(self) -> int:
        return len(self.counted)


def tally(indicator: Indicator, start: date, end: date) -> Tally:
    """The records that count for ``indicator`` in [start, end], and those left out."""
    if indicator.source == IndicatorSource.MEETINGS:
        return _tally_meetings(indicator, start, end)
    return _tally_agreements(indicator, start, end)


def count_for(indicator: Indicator, start: date, end: date) -> int:
    """How many records count for ``indicator`` in [start, end] (``tally``'s count)."""
    return tally(indicator, start, end).achieved


def meeting_exclusion(meeting: Meeting, indicator: Indicator) -> str | None:
    """Why ``meeting`` does not count for ``indicator`` (a ``REASONS`` code), or None if it
    counts. The period and the assignment are the caller's; this is the rest of the rule."""
    if meeting.deleted_at is not None:
        return "in_bin"
    if meeting.state == MeetingState.CANCELADA:
        return "cancelada"
    if meeting.state != MeetingState.REALIZADA:
        return "programada"
    outside = [party for party in meeting.parties if not party.is_self]
    if indicator.needs_outside_party and not outside:
        return "no_outside_party"
    if indicator.needs_zmo_municipality and not any(party.is_zmo for party in outside):
        return "outside_zmo"
    return None


def _tally_meetings(indicator: Indicator, start: date, end: date) -> Tally:
    meetings = db.session.scalars(
        select(Meeting)
        .where(Meeting.indicator_id == indicator.id, in_period_condition(start, end))
        .options(selectinload(Meeting.parties))
        .order_by(Meeting.first_date, Meeting.folio)
    )
    result = Tally([], [])
    for meeting in meetings:
        reason = meeting_exclusion(meeting, indicator)
        entry = Entry("meeting", meeting.id, meeting.folio, meeting.title, meeting.first_date)
        if reason is None:
            result.counted.append(entry)
        else:
            result.left_out.append(_with_reason(entry, reason))
    return result


def _tally_agreements(indicator: Indicator, start: date, end: date) -> Tally:
    result = Tally([], [])
    found = reaching(
        indicator.agreement_statuses or [], start, end, kinds=indicator.agreement_kinds or []
    )
    for item in found:
        agreement = item.agreement
        entry = Entry("agreement", agreement.id, agreement.folio, agreement.title, item.reached_on)
        if item.counts_in(start, end):
            result.counted.append(entry)
        elif agreement.deleted_at is not None:
            result.left_out.append(_with_reason(entry, "in_bin"))
        elif item.reached_on is not None and item.reached_on < start:
            result.left_out.append(_with_reason(entry, "reached_before"))
        else:
            result.left_out.append(_with_reason(entry, "undone"))
    return result


def _with_reason(entry: Entry, reason: str) -> Entry:
    return Entry(entry.record, entry.id, entry.folio, entry.title, entry.day, reason)


# Percentages -----------------------------------------------------------------------------------


def percent(achieved: int, goal: int | None) -> float | None:
    """Achieved over the annual goal, as a percentage with one decimal (None without a goal)."""
    if not goal:
        return None
    return round(achieved * 100 / goal, 1)


def indicator_results(year: int, start: date, end: date) -> list[dict]:
    """Each active indicator's count in [start, end] and since 1 January, against its goal,
    with the records counted and those of the period left out (and why)."""
    year_start = date(year, 1, 1)
    results = []
    indicators = db.session.scalars(
        select(Indicator).where(Indicator.active.is_(True)).order_by(Indicator.code)
    )
    for indicator in indicators:
        goal = indicator.goal_for(year)
        found = tally(indicator, start, end)
        achieved_year = count_for(indicator, year_start, end)
        results.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "achieved": found.achieved,
                "goal": goal,
                "percent": percent(found.achieved, goal),
                "achieved_year": achieved_year,
                "percent_year": percent(achieved_year, goal),
                "rule": describe_rule(indicator),
                "counted": [entry.as_dict() for entry in found.counted],
                "left_out": [entry.as_dict() for entry in found.left_out],
            }
        )
    return results


def quarterly_progress(indicator: Indicator, year: int) -> dict:
    """The indicator's count and percent in each quarter of ``year`` and for the whole year."""
    goal = indicator.goal_for(year)
    quarters = []
    total = 0
    for quarter in (1, 2, 3, 4):
        start, end = quarter_bounds(year, quarter)
        achieved = count_for(indicator, start, end)
        quarters.append(
            {"quarter": quarter, "achieved": achieved, "percent": percent(achieved, goal)}
        )
        total += achieved
    return {
        "year": year,
        "goal": goal,
        "quarters": quarters,
        "achieved": total,
        "percent": percent(total, goal),
    }


def describe_rule(indicator: Indicator) -> str:
    """What the indicator counts, in a sentence for the admin pages and the report."""
    if indicator.source == IndicatorSource.MEETINGS:
        text = _(
            "Cuenta las reuniones y eventos realizados asignados a este indicador cuya primera "
            "fecha cae en el periodo"
        )
        conditions = []
        if indicator.needs_outside_party:
            conditions.append(
                _("con al menos una contraparte externa (no el municipio ni sus áreas)")
            )
        if indicator.needs_zmo_municipality:
            conditions.append(_("con al menos un municipio de la Zona Metropolitana"))
        if conditions:
            text += ", " + _join(conditions, _("y"))
        text += "; " + _("nunca las programadas, canceladas ni las de la papelera.")
        kinds = [MeetingKind(kind).label for kind in indicator.meeting_kinds or []]
        if kinds:
            text += " " + _(
                "Al registrar una reunión de tipo %(kinds)s se le asigna por omisión.",
                kinds=_join(kinds, _("o")),
            )
        return text
    kinds = [AgreementKind(kind).label.lower() for kind in indicator.agreement_kinds or []]
    statuses = [Status(status).label for status in indicator.agreement_statuses or []]
    what = (
        _("los instrumentos (%(kinds)s)", kinds=_join(kinds, _("o")))
        if kinds
        else _("los instrumentos de cualquier tipo")
    )
    if statuses:
        return _(
            "Cuenta %(what)s que llegan por primera vez a %(statuses)s con fecha del acto en el "
            "periodo (un acto anulado por una corrección no cuenta); cada instrumento cuenta una "
            "sola vez, nunca desde la papelera.",
            what=what,
            statuses=_join(statuses, _("o")),
        )
    return _(
        "Cuenta %(what)s registrados (su primer estatus) con fecha del acto en el periodo.",
        what=what,
    )


def _join(items: list[str], conjunction: str) -> str:
    """'a', 'a o b', 'a, b o c'."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"
