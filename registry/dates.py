"""Calendar dates in Oaxaca (America/Mexico_City) and quarters."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from registry.codes import CodeEnum, labelled
from registry.i18n import lazy_gettext as _l

LOCAL_ZONE = ZoneInfo("America/Mexico_City")


def today_local() -> date:
    """Today's date in Oaxaca; the date an act "cannot be later than"."""
    return datetime.now(LOCAL_ZONE).date()


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    """First and last day of ``quarter`` (1–4) of ``year``."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {quarter}")
    start = date(year, 3 * quarter - 2, 1)
    end = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return start, date.fromordinal(end.toordinal() - 1)


# Date precision --------------------------------------------------------------------------------


class DatePrecision(CodeEnum):
    """How precise an act's date is: its document gives the day, only the month or the quarter."""

    DAY = "day"
    MONTH = "month"
    QUARTER = "quarter"


DATE_PRECISION_LABELS = labelled(
    DatePrecision,
    {
        DatePrecision.DAY: _l("Día exacto"),
        DatePrecision.MONTH: _l("Solo el mes"),
        DatePrecision.QUARTER: _l("Solo el trimestre"),
    },
)
DAY, MONTH, QUARTER = DatePrecision.DAY, DatePrecision.MONTH, DatePrecision.QUARTER


def period_start(day: date, precision: str) -> date:
    """The date stored for ``day`` known to ``precision``: the first day of its month or quarter
    (so that it sorts and falls in its quarter correctly); the day itself when exact."""
    if precision == MONTH:
        return day.replace(day=1)
    if precision == QUARTER:
        return date(day.year, 3 * quarter_of(day) - 2, 1)
    return day


def period_end(day: date, precision: str) -> date:
    """The last day the date can be: the end of its month or quarter; the day itself if exact."""
    if precision == MONTH:
        following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    if precision == QUARTER:
        return quarter_bounds(day.year, quarter_of(day))[1]
    return day
