"""Template filters: es-MX dates and small display helpers."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime


def fecha(value: date | datetime | str | None) -> str:
    """'7 de abril de 2025' (a datetime is shown on its Oaxaca calendar day; ISO text accepted)."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        return format_datetime(value, "d 'de' MMMM 'de' y")
    return format_date(value, "long")


def fecha_corta(value: date | datetime | str | None) -> str:
    """'07/04/2025'."""
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    if isinstance(value, datetime):
        return format_datetime(value, "dd/MM/y")
    return format_date(value, "dd/MM/y")


def fecha_hora(value: datetime | None) -> str:
    """'7 de abril de 2025, 10:35' in Oaxaca's time."""
    if value is None:
        return ""
    return format_datetime(value, "d 'de' MMMM 'de' y, HH:mm")


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

    for function in (fecha, fecha_corta, fecha_hora, trimestre):
        app.add_template_filter(function)
    for name, enum_class in {
        "status_label": Status,
        "agreement_kind_label": AgreementKind,
        "meeting_kind_label": MeetingKind,
        "party_kind_label": PartyKind,
    }.items():
        app.add_template_filter(lambda code, cls=enum_class: code_label(code, cls), name)
