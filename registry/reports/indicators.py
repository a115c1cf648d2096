"""MIR indicators: how many records count for each, and the percent of its annual goal.

Percent achieved in a period = counted records / annual goal × 100, one decimal
(../shared/DOMAIN.md, "Indicator"). What counts:

- an indicator of meetings counts the meetings assigned to it (the "MIR activity" of each
  meeting) whose first date falls in the period;
- an indicator of agreements counts the agreements (of its kinds, if it names any) that first
  reached one of its statuses (any status, if it names none) on a date in the period: an
  agreement counts once, in the period it got there, even if it moves on later.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from registry.agreements.models import Agreement, StatusChange
from registry.extensions import db
from registry.indicators.models import Indicator, IndicatorSource
from registry.meetings.models import Meeting


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
        results.append({
            "code": indicator.code,
            "name": indicator.name,
            "achieved": achieved,
            "goal": goal,
            "percent": percent(achieved, goal),
            "achieved_year": achieved_year,
            "percent_year": percent(achieved_year, goal),
        })  # fmt: skip
    return results


def percent(achieved: int, goal: int | None) -> float | None:
    """Achieved over the annual goal, as a percentage with one decimal (None without a goal)."""
    if not goal:
        return None
    return round(achieved * 100 / goal, 1)


def count_for(indicator: Indicator, start: date, end: date) -> int:
    if indicator.source == IndicatorSource.MEETINGS:
        return db.session.scalar(
            select(func.count(Meeting.id)).where(
                Meeting.indicator_id == indicator.id,
                Meeting.deleted_at.is_(None),
                Meeting.first_date.between(start, end),
            )
        )
    return _count_agreements(indicator, start, end)


def _count_agreements(indicator: Indicator, start: date, end: date) -> int:
    first_reached = select(
        StatusChange.agreement_id, func.min(StatusChange.acted_on).label("reached_on")
    )
    if indicator.agreement_statuses:
        first_reached = first_reached.where(
            StatusChange.to_status.in_(indicator.agreement_statuses)
        )
    first_reached = first_reached.group_by(StatusChange.agreement_id).subquery()
    query = (
        select(func.count())
        .select_from(first_reached)
        .join(Agreement, Agreement.id == first_reached.c.agreement_id)
        .where(Agreement.deleted_at.is_(None), first_reached.c.reached_on.between(start, end))
    )
    if indicator.agreement_kinds:
        query = query.where(Agreement.kind.in_(indicator.agreement_kinds))
    return db.session.scalar(query)
