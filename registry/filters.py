"""Template filters: es-MX dates and small display helpers."""

from __future__ import annotations

from datetime import date, datetime

from flask import Flask
from flask_babel import format_date, format_datetime


def fecha(value: date | datetime | None) -> str:
    """'7 de abril de 2025' (a datetime is shown on its Oaxaca calendar day)."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, "d 'de' MMMM 'de' y")
    return format_date(value, "long")


def fecha_corta(value: date | datetime | None) -> str:
    """'07/04/2025'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return format_datetime(value, "dd/MM/y")
    return format_date(value, "dd/MM/y")


def fecha_hora(value: datetime | None) -> str:
    """'7 de abril de 2025, 10:35' in Oaxaca's time."""
    if value is None:
        return ""
    return format_datetime(value, "d 'de' MMMM 'de' y, HH:mm")


def register_filters(app: Flask) -> None:
    for function in (fecha, fecha_corta, fecha_hora):
        app.add_template_filter(function)
