"""Forms of the commitment pages: a commitment of a meeting, closing or cancelling one; and the
rows of commitments typed with a new meeting."""

from __future__ import annotations

from flask_babel import gettext as _
from wtforms import Form, TextAreaField, ValidationError
from wtforms.validators import InputRequired, Length

from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l
from registry.meetings.fields import DayField
from registry.parties.fields import PartyField


class CommitmentForm(FlaskForm):
    text = TextAreaField(
        _l("Acuerdo"),
        validators=[InputRequired(_l("Escriba el acuerdo.")), Length(max=2000)],
        render_kw={"rows": 3},
    )
    responsible = PartyField(_l("Contraparte responsable"))
    due_on = DayField(_l("Fecha límite"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.responsible.load_choices()


class ClosingForm(FlaskForm):
    """Close or cancel a commitment; a cancellation needs the note (its reason)."""

    note = TextAreaField(_l("Nota"), validators=[Length(max=2000)], render_kw={"rows": 2})


class CommitmentRowForm(Form):
    """One commitment typed with a new meeting (a row of the meeting's create form)."""

    text = TextAreaField(_l("Acuerdo"), validators=[Length(max=2000)], render_kw={"rows": 2})
    responsible = PartyField(_l("Responsable"))
    due_on = DayField(_l("Fecha límite"))

    def validate_text(self, field) -> None:
        if not (field.data or "").strip() and (self.responsible.data or self.due_on.data):
            raise ValidationError(_("Escriba el acuerdo (o deje la fila vacía)."))
