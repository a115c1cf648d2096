"""The base of every form of the app: Flask-WTF's, with uploaded files kept to the file fields;
and the base of the lists' filter forms (``ListForm``).

Flask-WTF hands a form ``request.files`` merged into ``request.form``, so a file posted under a
text field's name (a crafted request) reaches that field as an object where text is expected
and its filters fail. Here each field gets what its kind can take: files for file fields, text
for the rest.
"""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import flask_wtf
from flask import request
from werkzeug.datastructures import CombinedMultiDict, FileStorage, MultiDict
from wtforms import FileField

from registry.dates import today_local
from registry.i18n import lazy_gettext as _l

T = TypeVar("T")

#: The quarter filter of the lists and the map (with a year).
QUARTER_CHOICES = [
    ("", _l("Todo el año")),
    ("1", _l("1.º (ene–mar)")),
    ("2", _l("2.º (abr–jun)")),
    ("3", _l("3.º (jul–sep)")),
    ("4", _l("4.º (oct–dic)")),
]


class FlaskForm(flask_wtf.FlaskForm):
    class Meta(flask_wtf.FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            formdata = super().wrap_formdata(form, formdata)
            if not isinstance(formdata, CombinedMultiDict):
                return formdata
            file_fields = {field.name for field in form if isinstance(field, FileField)}
            return MultiDict(
                (name, value)
                for name, value in formdata.items(multi=True)
                if isinstance(value, FileStorage) == (name in file_fields)
            )


def filled(data: T | None) -> T:
    """A required field's ``data`` once the form has validated (``DataRequired``,
    ``InputRequired``): never None then, though ``Field.data`` cannot say so."""
    if data is None:
        raise ValueError("a required field has no value: read it only from a validated form")
    return data


def int_or_none(value) -> int | None:
    """A filter's number from the URL; anything else is no filter (ignored, not an error)."""
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def year_choices(earliest: date | None) -> list[tuple[str, str]]:
    """A year filter's choices: every year from this one back to ``earliest``'s, and "Todos"."""
    this_year = today_local().year
    start = min(earliest.year, this_year) if earliest else this_year
    return [("", _l("Todos")), *((str(y), str(y)) for y in range(this_year, start - 1, -1))]


class ListForm(FlaskForm):
    """A filter form: read from the query string, no CSRF token, never "submitted"."""

    class Meta:
        csrf = False

    def __init__(self, **kwargs):
        super().__init__(formdata=request.args, **kwargs)
        self.validate()
