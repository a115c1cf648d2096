"""Form fields of the meeting pages: calendar dates in Spanish, agreements and indicators."""

from __future__ import annotations

import re
from datetime import date, time
from typing import Literal

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import Field, SelectField, SelectMultipleField
from wtforms.widgets import DateInput, TextInput, TimeInput

from registry.agreements.models import Agreement
from registry.extensions import db
from registry.i18n import lazy_gettext as _l
from registry.indicators.models import Indicator, IndicatorSource
from registry.meetings.models import MeetingKind
from registry.meetings.services import DEFAULT_INDICATOR, default_indicator

#: Dates outside these years are typos ("0025", "20255"), never real meetings.
MIN_YEAR, MAX_YEAR = 2000, 2100

_DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_SEPARATORS = re.compile(r"[,;\s]+")
_TIME = re.compile(r"^(\d{1,2}):(\d{2})(?::\d{2})?$")


def parse_day(text: str) -> date:
    """A date written dd/mm/aaaa (also with - or .) or aaaa-mm-dd; ValueError in Spanish."""
    text = text.strip()
    if match := _ISO.match(text):
        year, month, day = (int(part) for part in match.groups())
    elif match := _DAY_MONTH_YEAR.match(text):
        day, month, year = (int(part) for part in match.groups())
    else:
        raise ValueError(_("«%(text)s» no es una fecha; escríbala como dd/mm/aaaa.", text=text))
    try:
        value = date(year, month, day)
    except ValueError:
        raise ValueError(_("La fecha «%(text)s» no existe en el calendario.", text=text)) from None
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(
            _(
                "La fecha «%(text)s» está fuera de los años %(a)d a %(b)d.",
                text=text,
                a=MIN_YEAR,
                b=MAX_YEAR,
            )
        )
    return value


def parse_days(text: str) -> list[date]:
    """Several dates separated by commas, semicolons or spaces; ValueError naming the bad one."""
    return [parse_day(part) for part in _SEPARATORS.split(text or "") if part]


def split_dates(days: list[date]) -> tuple[date | None, date | None, list[date]]:
    """(start, end of the first run of consecutive days or None, the remaining days)."""
    if not days:
        return None, None, []
    run = 1
    while run < len(days) and days[run].toordinal() == days[0].toordinal() + run:
        run += 1
    end = days[run - 1] if run > 1 else None
    return days[0], end, days[run:]


class DayField(Field):
    """A calendar date: the phone's date picker (``<input type="date">``), or typed by hand as
    dd/mm/aaaa; a date that does not exist gets a Spanish error naming it."""

    widget = DateInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.isoformat() if self.data else ""

    def process_formdata(self, valuelist) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if text:
            self.data = parse_day(text)  # a ValueError becomes this field's error


class DaysField(Field):
    """Several separate dates in one text box: "15/05/2025, 22/05/2025"."""

    widget = TextInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return ", ".join(day.strftime("%d/%m/%Y") for day in self.data or [])

    def process_formdata(self, valuelist) -> None:
        self.data = []
        if valuelist:
            self.data = parse_days(valuelist[0])


class TimeOfDayField(Field):
    """A time of day (``<input type="time">``, or typed as 10:30); Spanish error if impossible."""

    widget = TimeInput()

    def _value(self) -> str:
        if self.raw_data:
            return self.raw_data[0]
        return self.data.strftime("%H:%M") if self.data else ""

    def process_formdata(self, valuelist) -> None:
        text = (valuelist[0] if valuelist else "").strip()
        self.data = None
        if not text:
            return
        match = _TIME.match(text)
        try:
            self.data = time(int(match.group(1)), int(match.group(2))) if match else None
        except ValueError:
            self.data = None
        if self.data is None:
            raise ValueError(
                _("«%(text)s» no es una hora válida; escríbala como 10:30.", text=text)
            )


class AgreementsField(SelectMultipleField):
    """Agreements a meeting is linked to: non-deleted ones, "FOLIO · título", newest folio first.

    Call ``load_choices()`` in the form's ``__init__``. Agreements in the recycle bin are not
    offered; ``services.update_meeting`` keeps a meeting's links to them for when they are
    restored.
    """

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=int, **kwargs)

    def load_choices(self) -> None:
        rows = db.session.execute(
            select(Agreement.id, Agreement.folio, Agreement.title)
            .where(Agreement.deleted_at.is_(None))
            .order_by(Agreement.folio.desc())
        )
        self.choices = [(row.id, f"{row.folio} · {row.title}") for row in rows]

    def selected_agreements(self) -> list[Agreement]:
        ids = list(self.data or [])
        if not ids:
            return []
        found = db.session.scalars(select(Agreement).where(Agreement.id.in_(ids))).all()
        return sorted(found, key=lambda agreement: agreement.folio)


#: The indicator field's value meaning "the default for the kind of meeting".
BY_KIND = "segun_tipo"


class IndicatorField(SelectField):
    """The MIR indicator a meeting counts for: one of the active meetings indicators, none, or
    (``allow_by_kind``) "according to the kind of meeting"."""

    def __init__(self, label=None, validators=None, allow_by_kind=False, **kwargs):
        kwargs.setdefault("default", "")
        super().__init__(label, validators, **kwargs)
        self.allow_by_kind = allow_by_kind

    def load_choices(self) -> None:
        current = int(self.data) if self.data and str(self.data).isdigit() else None
        indicators = db.session.scalars(
            select(Indicator)
            .where(Indicator.source == IndicatorSource.MEETINGS)
            .order_by(Indicator.code)
        )
        choices = [("", str(_l("— No cuenta para ningún indicador —")))]
        if self.allow_by_kind:
            choices.insert(0, (BY_KIND, str(_l("Según el tipo de reunión"))))
        choices += [
            (str(i.id), f"{i.code} · {i.name}") for i in indicators if i.active or i.id == current
        ]
        self.choices = choices
        self.description = defaults_description()

    def selected(self) -> Indicator | Literal["default"] | None:
        """The chosen Indicator, None, or ``services.DEFAULT_INDICATOR`` (by kind)."""
        if self.data == BY_KIND:
            return DEFAULT_INDICATOR
        return db.session.get(Indicator, int(self.data)) if self.data else None


def defaults_description() -> str:
    """How "según el tipo" maps kinds to indicators, from the indicators' configuration."""
    parts = []
    for kind in MeetingKind:
        indicator = default_indicator(kind)
        if indicator is not None:
            parts.append(f"{kind.label} → {indicator.code}")
    if not parts:
        return _("Ningún indicador está asociado todavía a un tipo de reunión.")
    return _("Por tipo: %(map)s.", map="; ".join(parts))
