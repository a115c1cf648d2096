"""The filter forms of the agreements and documents lists (GET forms, read from the URL)."""

from __future__ import annotations

from flask import request
from sqlalchemy import func, select
from wtforms import BooleanField, DateField, SelectField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import Length, Optional

from registry.agreements.models import AgreementKind, Instrument, InstrumentKind, StatusChange
from registry.agreements.queries import AgreementFilters, InstrumentFilters
from registry.agreements.status import Status
from registry.dates import today_local
from registry.extensions import db
from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l
from registry.parties.fields import counterpart_options
from registry.topics.models import Topic
from registry.widgets import FastSelect

ANY = ("", _l("Todos"))

SORT_CHOICES = [
    ("-last_act", _l("Último acto (reciente primero)")),
    ("last_act", _l("Último acto (antiguo primero)")),
    ("folio", _l("Folio")),
    ("title", _l("Título")),
    ("status", _l("Estatus")),
    ("valid_until", _l("Fin de vigencia (próximo primero)")),
    ("-valid_until", _l("Fin de vigencia (lejano primero)")),
]

EXPIRING_CHOICES = [
    ("", _l("Cualquiera")),
    ("30", _l("30 días")),
    ("90", _l("90 días")),
    ("180", _l("180 días")),
    ("365", _l("un año")),
]


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def year_choices() -> list[tuple[str, str]]:
    """The years that have a status act or a document, and the current one."""
    firsts = db.session.execute(
        select(
            select(func.min(StatusChange.acted_on)).scalar_subquery(),
            select(func.min(Instrument.issued_on)).scalar_subquery(),
        )
    ).one()
    this_year = today_local().year
    start = min([day.year for day in firsts if day] + [this_year])
    return [("", _l("Todos")), *((str(y), str(y)) for y in range(this_year, start - 1, -1))]


QUARTER_CHOICES = [
    ("", _l("Todo el año")),
    ("1", _l("1.º (ene–mar)")),
    ("2", _l("2.º (abr–jun)")),
    ("3", _l("3.º (jul–sep)")),
    ("4", _l("4.º (oct–dic)")),
]


class ListForm(FlaskForm):
    """A filter form: read from the query string, no CSRF token, never "submitted"."""

    class Meta:
        csrf = False

    def __init__(self, **kwargs):
        super().__init__(formdata=request.args, **kwargs)
        self.validate()


class AgreementFilterForm(ListForm):
    q = StringField(
        _l("Buscar"),
        validators=[Optional(), Length(max=200)],
        description=_l("Folio, título, objetivo o contraparte; sin importar acentos."),
    )
    kind = SelectField(
        _l("Tipo"), choices=lambda: [ANY, *((k.value, k.label) for k in AgreementKind)], default=""
    )
    status = SelectField(
        _l("Estatus"), choices=lambda: [ANY, *((s.value, s.label) for s in Status)], default=""
    )
    topic = SelectField(_l("Tema"), coerce=_int_or_none)
    party = SelectField(_l("Contraparte"), coerce=_int_or_none, widget=FastSelect())
    zmo = BooleanField(_l("Solo con municipios de la Zona Metropolitana"))
    year = SelectField(_l("Año"), coerce=_int_or_none)
    quarter = SelectField(
        _l("Trimestre"),
        choices=lambda: QUARTER_CHOICES,
        coerce=_int_or_none,
        description=_l("Instrumentos con algún cambio de estatus fechado en ese periodo."),
    )
    expiring = SelectField(
        _l("Vigencia termina en"),
        choices=lambda: EXPIRING_CHOICES,
        coerce=_int_or_none,
        description=_l("Instrumentos no concluidos ni cancelados cuya vigencia termina pronto."),
    )
    sort = SelectField(_l("Ordenar por"), choices=lambda: SORT_CHOICES, default="-last_act")

    def validate(self, extra_validators=None):
        topics = db.session.execute(select(Topic.id, Topic.name).order_by(Topic.name_key)).all()
        self.topic.choices = [("", _l("Todos")), *((t.id, t.name) for t in topics)]
        self.party.choices = [SelectChoice("", _l("Todas")), *counterpart_options()]
        self.year.choices = year_choices()
        return super().validate(extra_validators)

    def filters(self) -> AgreementFilters:
        """The filters the valid fields ask for (an invalid value is ignored, not an error)."""

        def ok(field):
            return field.data if not field.errors else None

        return AgreementFilters(
            kind=AgreementKind(ok(self.kind)) if ok(self.kind) else None,
            status=Status(ok(self.status)) if ok(self.status) else None,
            topic_id=ok(self.topic),
            party_id=ok(self.party),
            zmo_only=bool(self.zmo.data),
            year=ok(self.year),
            quarter=ok(self.quarter) if ok(self.year) else None,
            expiring_days=ok(self.expiring),
            text=(ok(self.q) or "").strip() or None,
            sort=ok(self.sort) or "-last_act",
        )

    @property
    def active(self) -> bool:
        return any(key != "sort" and value for key, value in request.args.items() if key != "page")


class InstrumentFilterForm(ListForm):
    q = StringField(
        _l("Buscar"),
        validators=[Optional(), Length(max=200)],
        description=_l("Número u oficio, emisor, o folio, título o contraparte del instrumento."),
    )
    kind = SelectField(
        _l("Tipo de documento"),
        choices=lambda: [ANY, *((k.value, k.label) for k in InstrumentKind)],
        default="",
    )
    date_from = DateField(_l("Desde"), validators=[Optional()])
    date_to = DateField(_l("Hasta"), validators=[Optional()])
    year = SelectField(_l("Año"), coerce=_int_or_none)
    quarter = SelectField(_l("Trimestre"), choices=lambda: QUARTER_CHOICES, coerce=_int_or_none)

    def validate(self, extra_validators=None):
        self.year.choices = year_choices()
        return super().validate(extra_validators)

    def filters(self) -> InstrumentFilters:
        def ok(field):
            return field.data if not field.errors else None

        return InstrumentFilters(
            kind=InstrumentKind(ok(self.kind)) if ok(self.kind) else None,
            date_from=ok(self.date_from),
            date_to=ok(self.date_to),
            year=ok(self.year),
            quarter=ok(self.quarter) if ok(self.year) else None,
            text=(ok(self.q) or "").strip() or None,
        )
