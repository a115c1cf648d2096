"""Template filters: es-MX dates and small display helpers."""

from __future__ import annotations

from datetime import date, datetime
from functools import cache
from zoneinfo import ZoneInfo

from babel.dates import get_month_names
from flask import Flask, g
from flask_babel import format_date, get_locale, get_timezone

from registry.form_rendering import render_field


def fecha(value: date | datetime | str | None) -> str:
    """'7 de abril de 2025' (a datetime is shown on its Oaxaca calendar day; ISO text accepted).

    Babel's long date pattern for es_MX ("d 'de' MMMM 'de' y") with its month names, looked up
    once per locale: list pages format dozens of dates, and Babel's formatter costs ~30 µs each.
    """
    day = _as_local_date(value)
    if day is None:
        return ""
    return f"{day.day} de {_month_names()[day.month]} de {day.year}"


def fecha_corta(value: date | datetime | str | None) -> str:
    """'07/04/2025'."""
    day = _as_local_date(value)
    return "" if day is None else f"{day.day:02d}/{day.month:02d}/{day.year}"


def fecha_hora(value: datetime | None) -> str:
    """'7 de abril de 2025, 10:35' in Oaxaca's time."""
    if value is None:
        return ""
    local = value.astimezone(_local_zone())
    return f"{fecha(local.date())}, {local.hour:02d}:{local.minute:02d}"


def _as_local_date(value: date | datetime | str | None) -> date | None:
    if not value:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value)
    if isinstance(value, datetime):
        return value.astimezone(_local_zone()).date()
    return value


def _month_names() -> dict[int, str]:
    """This request's locale's month names (looked up once per request, built once per locale)."""
    names = g.get("_registry_month_names")
    if names is None:
        names = g._registry_month_names = _month_names_for(str(get_locale()))
    return names


def _local_zone() -> ZoneInfo:
    zone = g.get("_registry_zone")
    if zone is None:
        zone = g._registry_zone = ZoneInfo(str(get_timezone()))
    return zone


@cache
def _month_names_for(locale: str) -> dict[int, str]:
    return dict(get_month_names("wide", locale=locale))


def fecha_precisa(value: date | str | None, precision: str | None = "day") -> str:
    """A date as precise as its document: '7 de abril de 2025', 'junio de 2025',
    '2.º trimestre de 2025, día no indicado' (never an invented day)."""
    day = _as_local_date(value)
    if day is None:
        return ""
    if precision == "month":
        return f"{_month_names()[day.month]} de {day.year}"
    if precision == "quarter":
        return f"{trimestre((day.month - 1) // 3 + 1, day.year)}, día no indicado"
    return fecha(day)


def trimestre(quarter: int, year: int) -> str:
    """'2.º trimestre de 2025'."""
    return format_date(date(year, 3 * quarter - 1, 1), "QQQQ 'de' y")


def code_label(code: str | None, enum_class: type) -> str:
    """The Spanish label of a stored code (``"firmado"`` → "Firmado"); the code if unknown."""
    if not code:
        return ""
    try:
        return enum_class(code).label
    except ValueError:
        return code


def register_filters(app: Flask) -> None:
    from registry.agreements.models import AgreementKind
    from registry.agreements.status import Status
    from registry.meetings.models import MeetingKind
    from registry.parties.models import PartyKind

    for function in (fecha, fecha_corta, fecha_hora, fecha_precisa, trimestre):
        app.add_template_filter(function)
    app.add_template_global(render_field, "render_field_html")
    for name, enum_class in {
        "status_label": Status,
        "agreement_kind_label": AgreementKind,
        "meeting_kind_label": MeetingKind,
        "party_kind_label": PartyKind,
    }.items():
        app.add_template_filter(lambda code, cls=enum_class: code_label(code, cls), name)
