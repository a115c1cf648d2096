"""Defining MIR indicators and their annual goals (admins). They flush; the caller commits.

What an indicator counts is data (its source and the kinds and statuses it names); how those
rules turn into counts lives in ``registry.indicators.queries``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select

from registry.agreements.models import AgreementKind
from registry.agreements.status import Status
from registry.audit import services as audit
from registry.errors import DomainError
from registry.extensions import db
from registry.indicators.models import Indicator, IndicatorGoal, IndicatorSource
from registry.meetings.models import Meeting, MeetingKind

FIELDS = [
    "code",
    "name",
    "program",
    "level",
    "source",
    "meeting_kinds",
    "agreement_kinds",
    "agreement_statuses",
    "needs_outside_party",
    "needs_zmo_municipality",
    "description",
    "active",
]
FIRST_YEAR, LAST_YEAR = 2000, 2100


@dataclass
class IndicatorData:
    """An indicator as the form gives it."""

    code: str
    name: str
    source: IndicatorSource
    program: str | None = None
    level: str | None = None
    meeting_kinds: list[str] = field(default_factory=list)
    agreement_kinds: list[str] = field(default_factory=list)
    agreement_statuses: list[str] = field(default_factory=list)
    #: Meetings: count only those with an outside party / with a ZMO municipality.
    needs_outside_party: bool = True
    needs_zmo_municipality: bool = False
    description: str | None = None
    active: bool = True


def create_indicator(data: IndicatorData, *, user=None) -> Indicator:
    """A new indicator, after the same checks as an edit."""
    indicator = Indicator()
    _apply(indicator, _checked(data, None))
    db.session.add(indicator)
    audit.record_create(indicator, user=user)
    return indicator


def update_indicator(indicator: Indicator, data: IndicatorData, *, user=None) -> bool:
    """Save an edited indicator; True if anything changed."""
    data = _checked(data, indicator)
    before = audit.snapshot(indicator, FIELDS)
    _apply(indicator, data)
    db.session.flush()
    return audit.record_update(indicator, before, user=user) is not None


#: Far above any real programme's count; keeps the value inside the database's integer column.
MAX_ANNUAL_GOAL = 100_000


def set_goal(indicator: Indicator, year: int, annual_goal: int, *, user=None) -> None:
    """Set (add or replace) the indicator's annual goal for ``year``."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise DomainError(
            _("El año debe estar entre %(a)d y %(b)d.", a=FIRST_YEAR, b=LAST_YEAR), "year"
        )
    if not 1 <= annual_goal <= MAX_ANNUAL_GOAL:
        raise DomainError(
            _("La meta anual debe ser un número entero entre 1 y 100 000."), "annual_goal"
        )
    goal = next((goal for goal in indicator.goals if goal.year == year), None)
    old = goal.annual_goal if goal else None
    if old == annual_goal:
        return
    if goal is None:
        indicator.goals.append(IndicatorGoal(year=year, annual_goal=annual_goal))
    else:
        goal.annual_goal = annual_goal
    db.session.flush()
    audit.record(
        "goal_set",
        "indicator",
        indicator.id,
        before={"year": year, "goal": old},
        after={"year": year, "goal": annual_goal},
        user=user,
    )


def remove_goal(indicator: Indicator, year: int, *, user=None) -> None:
    """Remove the goal of ``year`` (the indicator then shows no percentage that year)."""
    goal = next((goal for goal in indicator.goals if goal.year == year), None)
    if goal is None:
        raise DomainError(_("El indicador no tiene meta para %(year)d.", year=year))
    indicator.goals.remove(goal)
    db.session.flush()
    audit.record(
        "goal_remove",
        "indicator",
        indicator.id,
        before={"year": year, "goal": goal.annual_goal},
        user=user,
    )


# Checks ----------------------------------------------------------------------------------------


def _checked(data: IndicatorData, indicator: Indicator | None) -> IndicatorData:
    """The data cleaned, or a DomainError naming the field at fault."""
    data.code = "".join((data.code or "").split())
    data.name = " ".join((data.name or "").split())
    if not data.code:
        raise DomainError(_("Escriba la clave del indicador, p. ej. 12.1."), "code")
    if not data.name:
        raise DomainError(_("Escriba el nombre del indicador."), "name")
    clash = db.session.scalar(
        select(Indicator).where(func.lower(Indicator.code) == data.code.lower())
    )
    if clash is not None and clash is not indicator:
        raise DomainError(_("Ya existe el indicador %(code)s.", code=clash.code), "code")
    data.source = IndicatorSource(data.source)
    if data.source == IndicatorSource.MEETINGS:
        data.agreement_kinds, data.agreement_statuses = [], []
        _check_meeting_kinds(data, indicator)
    else:
        data.meeting_kinds = []
        data.needs_outside_party, data.needs_zmo_municipality = True, False
        _check_no_meetings_assigned(indicator)
    _check_codes(data)
    return data


def _check_codes(data: IndicatorData) -> None:
    for name, enum in (
        ("meeting_kinds", MeetingKind),
        ("agreement_kinds", AgreementKind),
        ("agreement_statuses", Status),
    ):
        values = list(dict.fromkeys(getattr(data, name) or []))
        if any(value not in enum._value2member_map_ for value in values):
            raise DomainError(_("Elija solo opciones de la lista."), name)
        setattr(data, name, values)


def _check_meeting_kinds(data: IndicatorData, indicator: Indicator | None) -> None:
    """A kind of meeting may default to one active indicator only."""
    if not data.active:
        return
    others = db.session.scalars(
        select(Indicator).where(
            Indicator.active.is_(True), Indicator.source == IndicatorSource.MEETINGS
        )
    )
    for other in others:
        if other is indicator:
            continue
        shared = [kind for kind in data.meeting_kinds if kind in (other.meeting_kinds or [])]
        if shared:
            raise DomainError(
                _(
                    "%(kind)s ya se asigna por omisión al indicador %(code)s; quítelo de allí "
                    "primero.",
                    kind=MeetingKind(shared[0]).label,
                    code=other.code,
                ),
                "meeting_kinds",
            )


def _check_no_meetings_assigned(indicator: Indicator | None) -> None:
    if indicator is None or indicator.source != IndicatorSource.MEETINGS:
        return
    assigned = db.session.scalar(
        select(func.count(Meeting.id)).where(
            Meeting.indicator_id == indicator.id, Meeting.deleted_at.is_(None)
        )
    )
    if assigned:
        raise DomainError(
            _(
                "%(n)d reuniones cuentan para este indicador: asígnelas a otro antes de hacer que "
                "cuente instrumentos.",
                n=assigned,
            ),
            "source",
        )


def _apply(indicator: Indicator, data: IndicatorData) -> None:
    for name in FIELDS:
        value = getattr(data, name)
        if name in ("program", "level", "description"):
            value = (value or "").strip() or None
        setattr(indicator, name, value)
