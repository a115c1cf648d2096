"""Forms of the meeting pages (shape only; business rules live in the services), and the
filters of the meeting list: a GET form whose fields carry Spanish URL names."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_wtf.file import FileField
from sqlalchemy import select
from wtforms import (
    FieldList,
    Form,
    FormField,
    HiddenField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
    URLField,
    ValidationError,
)
from wtforms.validators import InputRequired, Length

from registry.areas.models import Area
from registry.areas.queries import area_options
from registry.commitments.forms import CommitmentRowForm
from registry.extensions import db
from registry.forms import FlaskForm, filled
from registry.i18n import lazy_gettext as _l
from registry.indicators.models import Indicator, IndicatorSource
from registry.meetings.fields import (
    BY_KIND,
    AgreementsField,
    DayField,
    DaysField,
    IndicatorField,
    TimeOfDayField,
    split_dates,
)
from registry.meetings.models import Meeting, MeetingKind, MeetingState
from registry.meetings.queries import MeetingFilters
from registry.meetings.services import FILE_KINDS, MAX_DATES, MeetingData, PersonData
from registry.parties.fields import PartiesField, PartyField, load_party_rows
from registry.topics.fields import TopicsField
from registry.topics.models import Topic

#: Blank rows offered for more people or commitments (saving adds more, with no JavaScript).
BLANK_ROWS = 2


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, kind.label) for kind in MeetingKind]


def state_choices() -> list[tuple[str, str]]:
    return [(state.value, state.label) for state in MeetingState]


class StateField(SelectField):
    """programada / realizada / cancelada; empty: from its dates (programada if all are ahead,
    realizada otherwise), which a new meeting and an import row may leave to the rule."""

    def __init__(self, label=None, **kwargs):
        kwargs.setdefault("choices", lambda: [("", _("Según sus fechas")), *state_choices()])
        kwargs.setdefault("default", "")
        kwargs.setdefault(
            "description",
            _l("Vacío: programada si todas sus fechas están por venir; realizada si no."),
        )
        super().__init__(label, **kwargs)

    def selected(self) -> MeetingState | None:
        return MeetingState(self.data) if self.data else None


def file_kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, kind.label) for kind in FILE_KINDS]


class PersonForm(Form):
    """One named participant (a row of the meeting form)."""

    name = StringField(_l("Nombre"), validators=[Length(max=200)])
    post = StringField(_l("Cargo"), validators=[Length(max=300)])
    party = PartyField(_l("Contraparte"))

    def validate_name(self, field) -> None:
        if not (field.data or "").strip() and ((self.post.data or "").strip() or self.party.data):
            raise ValidationError(_("Escriba el nombre de la persona (o deje la fila vacía)."))


class MeetingForm(FlaskForm):
    kind = SelectField(_l("Tipo"), choices=kind_choices, default=MeetingKind.REUNION_TRABAJO.value)
    title = StringField(
        _l("Título"),
        validators=[InputRequired(_l("Escriba el título de la reunión.")), Length(max=300)],
    )
    start_date = DayField(
        _l("Fecha"),
        validators=[InputRequired(_l("Indique la fecha de la reunión."))],
        description=_l("Si duró varios días seguidos, es el primero."),
    )
    end_date = DayField(
        _l("Fecha final"),
        description=_l("Solo si el evento duró varios días seguidos."),
    )
    other_dates = DaysField(
        _l("Otras fechas del mismo evento"),
        description=_l(
            "Días separados que forman un solo registro, p. ej. el segundo día de un recorrido: "
            "22/05/2025. Varias fechas, separadas por comas."
        ),
    )
    start_time = TimeOfDayField(_l("Hora de inicio"), description=_l("Opcional."))
    place = StringField(_l("Lugar"), validators=[Length(max=300)])
    parties = PartiesField(
        _l("Contrapartes participantes"),
        description=_l("Mantenga pulsada Ctrl (⌘ en Mac) para elegir varias."),
    )
    areas = SelectMultipleField(
        _l("Áreas del municipio que participaron"),
        coerce=int,
        description=_l("Las propias no son contrapartes; no bastan para contar en un indicador."),
    )
    state = StateField(_l("Estado de la reunión"))
    cancellation_reason = TextAreaField(
        _l("Motivo de la cancelación"),
        validators=[Length(max=2000)],
        render_kw={"rows": 2},
        description=_l("Solo si se canceló."),
    )
    people = FieldList(FormField(PersonForm), max_entries=60)
    topics = TopicsField(_l("Temas"))
    description = TextAreaField(_l("Descripción"), render_kw={"rows": 5})
    agreements = AgreementsField(
        _l("Instrumentos vinculados"),
        description=_l("La reunión aparecerá en la historia de cada instrumento elegido."),
    )
    indicator = IndicatorField(_l("Indicador MIR para el que cuenta"))
    version = HiddenField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _pad(self.people, "name")
        self.parties.load_choices()
        self.areas.choices = area_options(frozenset(self.areas.data or []))
        self.topics.load_choices()
        self.agreements.load_choices()
        self.indicator.load_choices()
        load_party_rows(self.people, "party")

    @classmethod
    def for_meeting(cls, meeting: Meeting) -> MeetingForm:
        """The form filled with ``meeting`` (the request's form data wins when posted)."""
        start, end, others = split_dates([row.day for row in meeting.dates])
        people = [{"name": p.name, "post": p.post, "party": p.party_id} for p in meeting.people]
        data = {
            "kind": meeting.kind.value,
            "title": meeting.title,
            "start_date": start,
            "end_date": end,
            "other_dates": others,
            "start_time": meeting.start_time,
            "place": meeting.place,
            "description": meeting.description,
            "parties": [party.id for party in meeting.parties],
            "areas": [area.id for area in meeting.areas],
            "state": meeting.state.value,
            "cancellation_reason": meeting.cancellation_reason,
            "topics": [topic.id for topic in meeting.topics],
            "agreements": [agreement.id for agreement in meeting.agreements],
            "people": people,
            "indicator": str(meeting.indicator_id or ""),
            "version": meeting.version,
        }
        return cls(data=data)

    def validate_end_date(self, field) -> None:
        start = self.start_date.data
        if field.data is None or start is None:
            return
        if field.data < start:
            raise ValidationError(_("La fecha final no puede ser anterior a la fecha de inicio."))
        if (field.data - start).days >= MAX_DATES:
            raise ValidationError(_("Son demasiados días seguidos; revise la fecha final."))

    def meeting_dates(self) -> list[date]:
        """Every date the form gives: the start, the days up to the end, the separate ones."""
        start, end = self.start_date.data, self.end_date.data or self.start_date.data
        days = [date.fromordinal(n) for n in range(start.toordinal(), end.toordinal() + 1)]
        return sorted(set(days) | set(self.other_dates.data or []))

    def meeting_data(self) -> MeetingData:
        """What the services need, with the chosen records loaded."""
        return MeetingData(
            kind=MeetingKind(self.kind.data),
            title=filled(self.title.data),
            dates=self.meeting_dates(),
            start_time=self.start_time.data,
            place=self.place.data,
            description=self.description.data,
            parties=self.parties.selected_parties(),
            areas=self.selected_areas(),
            topics=self.topics.selected_topics(),
            agreements=self.agreements.selected_agreements(),
            people=[_person(entry.form) for entry in self.people],
            indicator=self.indicator.selected(),
            state=self.state.selected(),
            cancellation_reason=self.cancellation_reason.data,
        )

    def selected_areas(self) -> list[Area]:
        ids = [int(value) for value in self.areas.data or []]
        if not ids:
            return []
        return list(db.session.scalars(select(Area).where(Area.id.in_(ids)).order_by(Area.name)))

    def expected_version(self) -> int | None:
        try:
            return int(self.version.data or "")
        except ValueError:
            return None


class MeetingCreateForm(MeetingForm):
    # A new meeting has no version to compare. WTForms leaves out a field a subclass sets to
    # None; its stubs cannot say that a field may be taken away.
    version = None  # type: ignore[assignment]
    indicator = IndicatorField(
        _l("Indicador MIR para el que cuenta"), allow_by_kind=True, default=BY_KIND
    )
    commitments = FieldList(FormField(CommitmentRowForm), max_entries=40)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _pad(self.commitments, "text")
        load_party_rows(self.commitments, "responsible")

    def new_commitments(self) -> list[dict]:
        """The commitment rows that were filled in."""
        return [
            {
                "text": entry.form.text.data,
                "responsible_party": entry.form.responsible.selected_party(),
                "due_on": entry.form.due_on.data,
            }
            for entry in self.commitments
            if (entry.form.text.data or "").strip()
        ]


class MeetingStateForm(FlaskForm):
    """Confirm that a meeting was held, or cancel it with the reason."""

    state = SelectField(_l("Estado"), choices=state_choices)
    reason = TextAreaField(
        _l("Motivo de la cancelación"), validators=[Length(max=2000)], render_kw={"rows": 2}
    )


class EvidenceFileForm(FlaskForm):
    kind = SelectField(_l("Tipo de evidencia"), choices=lambda: file_kind_choices())
    title = StringField(_l("Descripción breve"), validators=[Length(max=300)])
    file = FileField(_l("Archivo"), description=_l("PDF, JPEG o PNG."))


class EvidenceLinkForm(FlaskForm):
    url = URLField(
        _l("Dirección de la publicación"),
        validators=[InputRequired(_l("Escriba la dirección.")), Length(max=500)],
        description=_l("Copie la dirección de la publicación, p. ej. en Facebook o X."),
    )
    title = StringField(_l("Descripción breve"), validators=[Length(max=300)])


def _pad(field_list: FieldList, key: str) -> None:
    """Keep ``BLANK_ROWS`` empty rows at the end of a list of sub-forms."""
    blank = sum(1 for entry in field_list if not (entry.form[key].data or "").strip())
    for _row in range(max(BLANK_ROWS - blank, 0)):
        if len(field_list) >= (field_list.max_entries or 100):
            break
        field_list.append_entry()


def _person(form: PersonForm) -> PersonData:
    return PersonData(
        name=form.name.data or "", post=form.post.data, party=form.party.selected_party()
    )


# The meeting list's filters (a GET form) ---------------------------------------------------------


def _choice_or_invalid(value):
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
    topic = SelectField(_l("Tema"), name="tema", coerce=_choice_or_invalid)
    indicator = SelectField(_l("Indicador"), name="indicador", coerce=_choice_or_invalid)
    date_from = DayField(_l("Desde"), name="desde")
    date_to = DayField(_l("Hasta"), name="hasta")

    def __init__(self, formdata):
        super().__init__(formdata=formdata)
        every = _("Todos")
        self.kind.choices = [("", every), *kind_choices()]
        self.party.load_choices(none_label=_("Todas"))
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
