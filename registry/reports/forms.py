from __future__ import annotations

from werkzeug.datastructures import MultiDict
from wtforms import IntegerField, SelectField

# types-WTForms 3.2 predates SelectChoice (WTForms 3.3), though WTForms exports it.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import InputRequired, NumberRange

from registry.dates import quarter_of, today_local
from registry.forms import FlaskForm, filled
from registry.i18n import lazy_gettext as _l


class QuarterForm(FlaskForm):
    """Year and quarter of a report, read from the query string (a GET form, no CSRF)."""

    class Meta:
        csrf = False

    anio = IntegerField(_l("Año"), validators=[InputRequired(), NumberRange(2000, 2100)])
    trimestre = SelectField(
        _l("Trimestre"),
        coerce=int,
        choices=[
            SelectChoice(1, _l("1.º (enero–marzo)")),
            SelectChoice(2, _l("2.º (abril–junio)")),
            SelectChoice(3, _l("3.º (julio–septiembre)")),
            SelectChoice(4, _l("4.º (octubre–diciembre)")),
        ],
    )

    @classmethod
    def from_args(cls, args) -> QuarterForm:
        """The form over the query string, the current quarter filling what is missing."""
        today = today_local()
        values = MultiDict(args)
        values.setdefault("anio", str(today.year))
        values.setdefault("trimestre", str(quarter_of(today)))
        return cls(values)

    def period(self) -> tuple[int, int]:
        """(year, quarter), once the form has validated."""
        return filled(self.anio.data), self.trimestre.data
