"""Indicator and annual-goal forms (shape only: the services hold the rules)."""

from __future__ import annotations

from wtforms import BooleanField, IntegerField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, NumberRange, Optional

from registry.agreements.forms import MultiCheckboxField
from registry.agreements.models import AgreementKind
from registry.agreements.status import Status
from registry.forms import FlaskForm, filled
from registry.i18n import lazy_gettext as _l
from registry.indicators.models import IndicatorSource
from registry.indicators.services import FIRST_YEAR, LAST_YEAR, MAX_ANNUAL_GOAL, IndicatorData
from registry.meetings.models import MeetingKind


def _choices(enum_class):
    return lambda: [(member.value, member.label) for member in enum_class]


class IndicatorForm(FlaskForm):
    code = StringField(
        _l("Clave"),
        validators=[DataRequired(), Length(max=20)],
        description=_l("Como en la MIR, p. ej. 12 o 12.1."),
    )
    name = StringField(_l("Nombre del indicador"), validators=[DataRequired(), Length(max=300)])
    program = StringField(
        _l("Programa presupuestario"),
        validators=[Optional(), Length(max=200)],
        description=_l("p. ej. 08 - Gobierno Innovador y Tecnológico"),
    )
    level = StringField(
        _l("Nivel"),
        validators=[Optional(), Length(max=100)],
        description=_l("p. ej. Componente 12, Actividad 12.1"),
    )
    source = SelectField(
        _l("Qué cuenta"), choices=_choices(IndicatorSource), default=IndicatorSource.MEETINGS.value
    )
    meeting_kinds = MultiCheckboxField(
        _l("Tipos de reunión que se le asignan por omisión"),
        choices=_choices(MeetingKind),
        validators=[Optional()],
        description=_l(
            "Al registrar una reunión de estos tipos, el formulario propone este indicador; "
            "quien registra puede elegir otro o ninguno. Cada tipo, en un solo indicador activo."
        ),
    )
    needs_outside_party = BooleanField(
        _l("Solo reuniones con al menos una contraparte externa"),
        default=True,
        description=_l(
            "Una reunión solo entre el municipio y sus propias áreas (p. ej. de gabinete) no "
            "cuenta."
        ),
    )
    needs_zmo_municipality = BooleanField(
        _l("Solo reuniones con al menos un municipio de la Zona Metropolitana"),
        description=_l("Como el 12.2, vinculaciones con municipios metropolitanos."),
    )
    agreement_kinds = MultiCheckboxField(
        _l("Tipos de instrumento que cuentan"),
        choices=_choices(AgreementKind),
        validators=[Optional()],
        description=_l("Ninguno marcado: cualquier tipo."),
    )
    agreement_statuses = MultiCheckboxField(
        _l("Estatus que cuentan"),
        choices=_choices(Status),
        validators=[Optional()],
        description=_l(
            "Cuenta el instrumento en el periodo en que llega por primera vez a uno de estos "
            "estatus (por la fecha del acto). Ninguno marcado: cuenta cuando se registra."
        ),
    )
    description = TextAreaField(_l("Descripción"), validators=[Optional(), Length(max=4000)])
    active = BooleanField(
        _l("Activo"), default=True, description=_l("Los inactivos no aparecen en los informes.")
    )

    def indicator_data(self) -> IndicatorData:
        return IndicatorData(
            code=filled(self.code.data),
            name=filled(self.name.data),
            source=IndicatorSource(self.source.data),
            program=self.program.data,
            level=self.level.data,
            meeting_kinds=list(self.meeting_kinds.data or []),
            agreement_kinds=list(self.agreement_kinds.data or []),
            agreement_statuses=list(self.agreement_statuses.data or []),
            needs_outside_party=bool(self.needs_outside_party.data),
            needs_zmo_municipality=bool(self.needs_zmo_municipality.data),
            description=self.description.data,
            active=self.active.data,
        )


class GoalForm(FlaskForm):
    year = IntegerField(
        _l("Año"),
        validators=[InputRequired(_l("Indique el año.")), NumberRange(FIRST_YEAR, LAST_YEAR)],
    )
    annual_goal = IntegerField(
        _l("Meta anual"),
        validators=[
            InputRequired(_l("Indique la meta anual.")),
            NumberRange(
                min=1,
                max=MAX_ANNUAL_GOAL,
                message=_l("La meta anual debe ser un número entero entre 1 y 100 000."),
            ),
        ],
        description=_l("Cuántas reuniones o instrumentos se programan en el año."),
    )
