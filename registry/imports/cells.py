"""Turning raw cell values into text, dates, lists and codes, with a Spanish reason when not.

Excel hands over what the cell holds: text, a number, a date (a cell formatted as a date), a
boolean. Dates are ISO ``AAAA-MM-DD`` text or real Excel dates; a bare number counts as an Excel
date serial only within plausible years. Codes (tipo, estatus) are matched ignoring case and
accents, by code or by their Spanish label ("Reunión de trabajo" is ``reunion_trabajo``).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any, TypeVar

from flask_babel import gettext as _
from openpyxl.utils.datetime import from_excel

from registry.codes import CodeEnum
from registry.imports.results import Issue
from registry.imports.spec import LIST_SEPARATOR
from registry.text import fold, without_control_characters

E = TypeVar("E", bound=CodeEnum)

_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
#: Years a date of this registry can have; anything else is a typo ("0025", "2205").
MIN_YEAR, MAX_YEAR = 1900, 2100
#: A bare number is an Excel date serial only from this year on: 2025 typed as a number would
#: otherwise be read as 17 July 1905.
MIN_SERIAL_YEAR = 1950


class CellError(ValueError):
    """A cell that cannot be read as what its column needs; the message is Spanish."""


def text(value: Any) -> str | None:
    """The cell as stripped text (numbers without a spurious ``.0``, no control characters);
    None when empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "VERDADERO" if value else "FALSO"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date | datetime):
        return value.isoformat()
    result = without_control_characters(str(value)).strip()
    return result or None


def items(value: Any) -> list[str]:
    """The ``;``-separated items of a cell, stripped, empty ones dropped."""
    return [part.strip() for part in (text(value) or "").split(LIST_SEPARATOR) if part.strip()]


def to_date(value: Any) -> date | None:
    """A date from an ISO text or an Excel date; None when empty; CellError when impossible."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return _plausible(value.date(), value)
    if isinstance(value, date):
        return _plausible(value, value)
    if isinstance(value, bool):
        raise CellError(_not_a_date(value))
    if isinstance(value, int | float):
        try:
            day = from_excel(value)
        except (ValueError, OverflowError, TypeError):
            raise CellError(_not_a_date(value)) from None
        if not isinstance(day, datetime) or not MIN_SERIAL_YEAR <= day.year <= MAX_YEAR:
            raise CellError(_not_a_date(value))
        return day.date()
    return iso_date(str(value).strip())


def iso_date(written: str) -> date:
    """``AAAA-MM-DD`` → date; CellError for another format or a date that does not exist."""
    match = _ISO_DATE.match(written)
    if not match:
        raise CellError(_not_a_date(written))
    try:
        day = date(*(int(part) for part in match.groups()))
    except ValueError:
        raise CellError(_("La fecha «%(v)s» no existe en el calendario.", v=written)) from None
    return _plausible(day, written)


def _plausible(day: date, written: Any) -> date:
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise CellError(
            _(
                "La fecha «%(v)s» está fuera de los años %(a)d a %(b)d.",
                v=text(written),
                a=MIN_YEAR,
                b=MAX_YEAR,
            )
        )
    return day


def _not_a_date(value: Any) -> str:
    return _(
        "«%(v)s» no es una fecha: escríbala como AAAA-MM-DD (p. ej. 2025-04-29) o use una celda "
        "con formato de fecha.",
        v=text(value),
    )


def to_code(value: Any, enum: type[E]) -> E | None:
    """The member of ``enum`` named by its code or Spanish label; None when empty."""
    written = text(value)
    if written is None:
        return None
    key = fold(written).replace(" ", "_")
    for member in enum:
        if key in (member.value, fold(member.label).replace(" ", "_")):
            return member
    raise CellError(
        _(
            "«%(v)s» no es un valor válido; use %(codes)s.",
            v=written,
            codes=", ".join(member.value for member in enum),
        )
    )


class RowReader:
    """Reads the cells of one row, collecting an issue for each that cannot be read."""

    def __init__(self, sheet: str, number: int, values: dict[str, Any], issues: list[Issue]):
        self.sheet, self.number, self.values, self.issues = sheet, number, values, issues
        self.failed = False

    def error(self, column: str | None, message: str) -> None:
        self.issues.append(Issue(self.sheet, self.number, column, message))
        self.failed = True

    def text(self, column: str, *, required: bool = False, max_length: int | None = None):
        value = text(self.values.get(column))
        if value is None and required:
            self.error(column, _("Esta columna es obligatoria y la celda está vacía."))
        elif value is not None and max_length and len(value) > max_length:
            self.error(column, _("Texto demasiado largo: máximo %(n)d caracteres.", n=max_length))
            return None
        return value

    def items(self, column: str) -> list[str]:
        return items(self.values.get(column))

    def date(self, column: str) -> date | None:
        try:
            return to_date(self.values.get(column))
        except CellError as error:
            self.error(column, str(error))
            return None

    def code(self, column: str, enum: type[E], *, required: bool = True) -> E | None:
        try:
            member = to_code(self.values.get(column), enum)
        except CellError as error:
            self.error(column, str(error))
            return None
        if member is None and required:
            self.error(column, _("Esta columna es obligatoria y la celda está vacía."))
        return member
