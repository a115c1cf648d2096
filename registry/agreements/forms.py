"""Agreement and status-move forms (shape only: the services hold the rules), and the list's
filters."""

from __future__ import annotations

from flask import request
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import (
    BooleanField,
    DateField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    SubmitField,
    TextAreaField,
    widgets,
)

# types-WTForms 3.2 predates SelectChoice (WTForms 3.3), though WTForms exports it.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]
from wtforms.validators import DataRequired, Length, Optional

from registry.agreements.models import AgreementKind
from registry.agreements.queries import AgreementFilters, earliest_act
from registry.agreements.status import INITIAL, Status
from registry.agreements.transparency import (
    TransparencyForm,
)
from registry.dates import DatePrecision
from registry.documents.forms import document_kind_choices
from registry.documents.models import DocumentKind
from registry.extensions import db
from registry.forms import QUARTER_CHOICES, FlaskForm, ListForm, int_or_none, year_choices
from registry.i18n import lazy_gettext as _l
from registry.parties.fields import PartyField, counterpart_options
from registry.topics.fields import TopicsField
from registry.topics.models import Topic
from registry.widgets import FastSelect

#: Empty party rows a new agreement's form starts with.
PARTY_ROWS = 2

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


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, kind.label) for kind in AgreementKind]


class PartyRowForm(Form):
    """One party of the agreement: who, in what role, and when and by whom it signed."""

    party = PartyField(_l("Contraparte"), validators=[Optional()])
    role = StringField(
        _l("Papel"),
        validators=[Optional(), Length(max=100)],
        description=_l("p. ej. Contraparte, Coordinación, Testigo"),
    )
    signed_on = DateField(
        _l("Fecha de firma"),
        validators=[Optional()],
        description=_l("Vacía si esta contraparte aún no firma."),
    )
    signatory = StringField(
        _l("Firma por la contraparte"),
        validators=[Optional(), Length(max=300)],
        description=_l("Nombre y cargo"),
    )
    ratified_on = DateField(_l("Fecha de ratificación"), validators=[Optional()])
    withdrawn_on = DateField(
        _l("Fecha de retiro"),
        validators=[Optional()],
        description=_l("Solo si esta contraparte se retiró del instrumento."),
    )


class AgreementForm(FlaskForm):
    kind = SelectField(
        _l("Tipo"),
        choices=kind_choices,
        validators=[DataRequired()],
        default=AgreementKind.ALIANZA.value,
    )
    folio = StringField(_l("Folio"), validators=[Optional(), Length(max=30)])
    title = StringField(_l("Título"), validators=[DataRequired(), Length(max=300)])
    objective = TextAreaField(_l("Objetivo"), validators=[Optional()])
    topics = TopicsField(_l("Temas"), validators=[Optional()])
    parties = FieldList(FormField(PartyRowForm), min_entries=1)
    add_party = SubmitField(_l("Agregar otra contraparte"))
    responsible_unit = StringField(
        _l("Unidad responsable"), validators=[Optional(), Length(max=200)]
    )
    responsible_person = StringField(
        _l("Persona responsable"), validators=[Optional(), Length(max=200)]
    )
    valid_from = DateField(_l("Inicio de vigencia"), validators=[Optional()])
    valid_until = DateField(
        _l("Fin de vigencia"),
        validators=[Optional()],
        description=_l("Los convenios municipales suelen terminar con la administración."),
    )
    notes = TextAreaField(_l("Notas"), validators=[Optional()])
    transparency = FormField(TransparencyForm, separator="-")
    #: The version the form was filled from; a save based on an older one is refused.
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.party_errors: list[str] = []
        self.topics.load_choices()
        selected = {row.party.data for row in self.parties if row.party.data}
        self._party_choices = [
            SelectChoice("", _l("— Elija una contraparte —")),
            *counterpart_options(selected),
        ]
        for row in self.parties:
            row.form.party.choices = self._party_choices

    def add_party_row(self) -> None:
        self.parties.append_entry()
        self.parties[-1].form.party.choices = self._party_choices

    def party_ids(self) -> list[int]:
        return [row.party.data for row in self.parties if row.party.data]

    def validate(self, extra_validators=None) -> bool:
        valid = super().validate(extra_validators)
        for row in self.parties:
            filled = (
                row.role.data
                or row.signed_on.data
                or row.signatory.data
                or row.ratified_on.data
                or row.withdrawn_on.data
            )
            if filled and not row.party.data:
                row.form.party.errors = [
                    *row.form.party.errors,
                    _l("Elija la contraparte de esta fila o vacíe la fila."),
                ]
                valid = False
        return valid

    @property
    def adding_party(self) -> bool:
        """True when the "add another party" button (not Save) sent the form."""
        return bool(self.add_party.data)


def PrecisionField(label=None) -> SelectField:  # noqa: N802 - a field factory, used as a class
    """How precise the date beside it is: day, month or quarter (the day by default)."""
    return SelectField(
        label or _l("Precisión de la fecha"),
        choices=lambda: [(p.value, p.label) for p in DatePrecision],
        default=DatePrecision.DAY.value,
        description=_l("Se guarda el primer día del mes o del trimestre y se muestra así."),
    )


class AgreementCreateForm(AgreementForm):
    status = SelectField(
        _l("Estatus inicial"),
        choices=lambda: [(status.value, status.label) for status in INITIAL],
        default=Status.INTENCION.value,
        description=_l(
            "Intención: hay una carta de intención. Un convenio firmado sin carta previa entra "
            "directamente como Firmado."
        ),
    )
    status_date = DateField(
        _l("Fecha del acto"),
        validators=[DataRequired(message=_l("Indique la fecha del acto."))],
        description=_l(
            "La fecha del documento que da ese estatus (la carta, la firma), no la de hoy. Si "
            "solo se conoce el mes o el trimestre, escriba un día de ese periodo y elija la "
            "precisión."
        ),
    )
    status_date_precision = PrecisionField()
    status_note = TextAreaField(_l("Nota sobre ese acto"), validators=[Optional()])
    doc_kind = SelectField(
        _l("Documento del acto"),
        choices=lambda: [("", _l("— Sin documento por ahora —")), *document_kind_choices()],
        default=DocumentKind.CARTA_INTENCION.value,
        description=_l("El documento que da el estatus inicial, p. ej. la carta de intención."),
    )
    doc_number = StringField(
        _l("Número u oficio"),
        validators=[Optional(), Length(max=120)],
        description=_l("p. ej. OPM/EXT/0064/2025"),
    )
    doc_issuer = StringField(
        _l("Emisor"), validators=[Optional(), Length(max=200)], description=_l("Quién lo envía")
    )
    doc_file = FileField(
        _l("Archivo escaneado"),
        description=_l("Opcional. PDF, JPEG o PNG (se revisa el contenido, no el nombre)."),
    )


class MultiCheckboxField(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class StatusForm(FlaskForm):
    """A move of the lifecycle; ``target`` offers only the moves allowed to this user."""

    target = SelectField(_l("Nuevo estatus"), validators=[DataRequired()])
    acted_on = DateField(
        _l("Fecha del acto"),
        validators=[DataRequired(message=_l("Indique la fecha del acto."))],
        description=_l(
            "La fecha en que ocurrió (para Firmado, la fecha de firma); puede ser anterior a "
            "hoy, nunca posterior."
        ),
    )
    precision = PrecisionField()
    reason = TextAreaField(
        _l("Motivo"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Obligatorio para cancelar y para las correcciones."),
    )
    note = TextAreaField(_l("Nota"), validators=[Optional(), Length(max=2000)])
    signed_parties = MultiCheckboxField(
        _l("Contrapartes que firmaron (o ratificaron) en esa fecha"),
        coerce=int,
        validators=[Optional()],
        description=_l(
            "Al pasar a Firmado, marque al menos una; las no marcadas quedan «sin firma»."
        ),
    )
    evidence = SelectField(_l("Documento de evidencia"), coerce=lambda v: int(v) if v else None)
    evidence_file = FileField(
        _l("O suba el documento ahora"),
        description=_l("PDF, JPEG o PNG. Se registra como documento del instrumento."),
    )
    evidence_kind = SelectField(
        _l("Tipo del documento subido"),
        choices=lambda: [("", _l("— Según el nuevo estatus —")), *document_kind_choices()],
        default="",
        description=_l("Firmado: convenio; Ratificado: acuerdo de ratificación; si no, otro."),
    )
    evidence_number = StringField(
        _l("Número u oficio del documento subido"), validators=[Optional(), Length(max=120)]
    )


# The list's filters (a GET form) ---------------------------------------------------------------


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
    topic = SelectField(_l("Tema"), coerce=int_or_none)
    party = SelectField(_l("Contraparte"), coerce=int_or_none, widget=FastSelect())
    zmo = BooleanField(_l("Solo con municipios de la Zona Metropolitana"))
    year = SelectField(_l("Año"), coerce=int_or_none)
    quarter = SelectField(
        _l("Trimestre"),
        choices=lambda: QUARTER_CHOICES,
        coerce=int_or_none,
        description=_l("Instrumentos con algún cambio de estatus fechado en ese periodo."),
    )
    expiring = SelectField(
        _l("Vigencia termina en"),
        choices=lambda: EXPIRING_CHOICES,
        coerce=int_or_none,
        description=_l("Instrumentos no concluidos ni cancelados cuya vigencia termina pronto."),
    )
    sort = SelectField(_l("Ordenar por"), choices=lambda: SORT_CHOICES, default="-last_act")

    def validate(self, extra_validators=None):
        topics = db.session.execute(select(Topic.id, Topic.name).order_by(Topic.name_key)).all()
        self.topic.choices = [("", _l("Todos")), *((t.id, t.name) for t in topics)]
        self.party.choices = [SelectChoice("", _l("Todas")), *counterpart_options()]
        self.year.choices = year_choices(earliest_act())
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
