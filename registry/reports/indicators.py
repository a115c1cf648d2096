"""MIR indicators: how many records count for each, and the percent of its annual goal.

Percent achieved in a period = counted records / annual goal × 100, one decimal
(docs/counting-rules.md). What counts:

- an indicator of meetings counts the meetings assigned to it (the "MIR activity" of each
  meeting) whose first date falls in the period;
- an indicator of agreements counts the agreements (of its kinds, if it names any) that first
  reached one of its statuses (any status, if it names none) on a date in the period: an
  agreement counts once, in the period it got there, even if it moves on later.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select

from registry.agreements.models import Agreement, AgreementKind, StatusChange
from registry.agreements.status import Status
from registry.dates import quarter_bounds
from registry.extensions import db
from registry.indicators.models import Indicator, IndicatorSource
from registry.meetings.models import Meeting, MeetingKind


def indicator_results(year: int, start: date, end: date) -> list[dict]:
    """Each active indicator's count in [start, end] and since 1 January, against its goal."""
    year_start = date(year, 1, 1)
    results = []
    indicators = db.session.scalars(
        select(Indicator).where(Indicator.active.is_(True)).order_by(Indicator.code)
    )
    for indicator in indicators:
        goal = indicator.goal_for(year)
        achieved = count_for(indicator, start, end)
        achieved_year = count_for(indicator, year_start, end)
        results.append(
            {
                "code": indicator.code,
                "name": indicator.name,
                "achieved": achieved,
                "goal": goal,
                "percent": percent(achieved, goal),
                "achieved_year": achieved_year,
                "percent_year": percent(achieved_year, goal),
            }
        )
    return results


def percent(achieved: int, goal: int | None) -> float | None:
    """Achieved over the annual goal, as a percentage with one decimal (None without a goal)."""
    if not goal:
        return None
    return round(achieved * 100 / goal, 1)


def count_for(indicator: Indicator, start: date, end: date) -> int:
    """How many records count for ``indicator`` in [start, end] (see the module's rules)."""
    counted = counted_ids(indicator, start, end).subquery()
    return db.session.scalar(select(func.count()).select_from(counted))


def counted_ids(indicator: Indicator, start: date, end: date):
    """A query of the ids of the meetings or agreements that count for ``indicator``."""
    if indicator.source == IndicatorSource.MEETINGS:
        return select(Meeting.id).where(
            Meeting.indicator_id == indicator.id,
            Meeting.deleted_at.is_(None),
            Meeting.first_date.between(start, end),
        )
    return _agreements_reaching(indicator, start, end)


def _agreements_reaching(indicator: Indicator, start: date, end: date):
    first_reached = select(
        StatusChange.agreement_id, func.min(StatusChange.acted_on).label("reached_on")
    )
    if indicator.agreement_statuses:
        first_reached = first_reached.where(
            StatusChange.to_status.in_(indicator.agreement_statuses)
        )
    first_reached = first_reached.group_by(StatusChange.agreement_id).subquery()
    query = (
        select(Agreement.id)
        .join(first_reached, Agreement.id == first_reached.c.agreement_id)
        .where(Agreement.deleted_at.is_(None), first_reached.c.reached_on.between(start, end))
    )
    if indicator.agreement_kinds:
        query = query.where(Agreement.kind.in_(indicator.agreement_kinds))
    return query


def quarterly_progress(indicator: Indicator, year: int) -> dict:
    """The indicator's count and percent in each quarter of ``year`` and for the whole year."""
    goal = indicator.goal_for(year)
    quarters = []
    for quarter in (1, 2, 3, 4):
        start, end = quarter_bounds(year, quarter)
        achieved = count_for(indicator, start, end)
        quarters.append(
            {"quarter": quarter, "achieved": achieved, "percent": percent(achieved, goal)}
        )
    total = sum(row["achieved"] for row in quarters)
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
            "Cuenta las reuniones y eventos asignados a este indicador cuya primera fecha cae en "
            "el periodo."
        )
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
            "periodo; cada instrumento cuenta una sola vez.",
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
