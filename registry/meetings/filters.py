"""The filters of the meeting list: a GET form whose fields carry Spanish URL names."""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectField, StringField, ValidationError

from registry.extensions import db
from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l
from registry.indicators.models import Indicator, IndicatorSource
from registry.meetings.fields import DayField
from registry.meetings.forms import kind_choices
from registry.meetings.queries import MeetingFilters
from registry.parties.fields import PartyField
from registry.topics.models import Topic


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return -1  # not a valid choice: reported as a field error, then ignored


class MeetingFilterForm(FlaskForm):
    class Meta:
        csrf = False  # a search, not a change

    text = StringField(_l("Buscar"), name="q", description=_l("Folio, título, lugar, personas…"))
    kind = SelectField(_l("Tipo"), name="tipo", coerce=lambda value: value or None)
    party = PartyField(_l("Contraparte"), name="contraparte")
    topic = SelectField(_l("Tema"), name="tema", coerce=_int_or_none)
    indicator = SelectField(_l("Indicador"), name="indicador", coerce=_int_or_none)
    date_from = DayField(_l("Desde"), name="desde")
    date_to = DayField(_l("Hasta"), name="hasta")

    def __init__(self, formdata):
        super().__init__(formdata=formdata)
        every = _("Todos")
        self.kind.choices = [("", every), *kind_choices()]
        self.party.load_choices()
        self.party.choices[0] = ("", _("Todas"))
        topics = db.session.execute(select(Topic.id, Topic.name).order_by(Topic.name_key))
        self.topic.choices = [("", every), *((row.id, row.name) for row in topics)]
        indicators = db.session.execute(
            select(Indicator.id, Indicator.code)
            .where(Indicator.source == IndicatorSource.MEETINGS)
            .order_by(Indicator.code)
        )
        self.indicator.choices = [("", every), *((row.id, row.code) for row in indicators)]

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_("«Hasta» no puede ser anterior a «Desde»."))

    def filters(self) -> MeetingFilters:
        """The valid filters; a field with an error is left out (and shown on the page)."""
        self.validate()

        def value(field):
            return None if field.errors else field.data or None

        return MeetingFilters(
            kind=value(self.kind),
            party_id=value(self.party),
            topic_id=value(self.topic),
            indicator_id=value(self.indicator),
            date_from=value(self.date_from),
            date_to=value(self.date_to),
            text=value(self.text),
        )

    @property
    def active(self) -> bool:
        """Whether any filter is set (to offer "quitar filtros")."""
        return any(field.data for field in self)
