"""The map's filters: a GET form read from the URL, so a view can be shared and bookmarked."""

from __future__ import annotations

from flask import request
from sqlalchemy import select
from wtforms import HiddenField, SelectField

from registry.agreements.models import AgreementKind
from registry.agreements.status import Status
from registry.extensions import db
from registry.forms import QUARTER_CHOICES, ListForm
from registry.i18n import lazy_gettext as _l
from registry.map.contents import Scope
from registry.map.queries import ADVANCE, MapFilters, period_years
from registry.map.style import Measure
from registry.topics.models import Topic

ANY = ("", _l("Todos"))


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return -1  # not a choice: reported next to the field, then ignored


class MapFilterForm(ListForm):
    """Period, kind, status, topic, colouring and view; URL names in Spanish."""

    year = SelectField(_l("Año"), name="anio", coerce=_int_or_none)
    quarter = SelectField(
        _l("Trimestre"), name="trimestre", choices=lambda: QUARTER_CHOICES, coerce=_int_or_none
    )
    kind = SelectField(
        _l("Tipo de instrumento"),
        name="tipo",
        choices=lambda: [ANY, *((k.value, k.label) for k in AgreementKind)],
        default="",
    )
    status = SelectField(
        _l("Estatus"),
        name="estatus",
        choices=lambda: [ANY, *((s.value, s.label) for s in ADVANCE)],
        default="",
    )
    topic = SelectField(_l("Tema"), name="tema", coerce=_int_or_none)
    measure = SelectField(
        _l("Colorear los municipios por"),
        name="colorear",
        choices=lambda: [(m.value, m.label) for m in Measure],
        default=Measure.STATUS.value,
    )
    scope = HiddenField(name="vista", default=Scope.ZMO.value)

    def validate(self, extra_validators=None):
        topics = db.session.execute(select(Topic.id, Topic.name).order_by(Topic.name_key)).all()
        self.topic.choices = [("", _l("Todos")), *((t.id, t.name) for t in topics)]
        self.year.choices = [("", _l("Todos")), *((y, str(y)) for y in period_years())]
        return super().validate(extra_validators)

    def _ok(self, field):
        return field.data if field.data not in (None, "") and not field.errors else None

    def filters(self) -> MapFilters:
        """The filters the valid fields ask for (an invalid value is ignored, not an error)."""
        year = self._ok(self.year)
        kind, status = self._ok(self.kind), self._ok(self.status)
        return MapFilters(
            year=year,
            quarter=self._ok(self.quarter) if year else None,
            kind=AgreementKind(kind) if kind else None,
            status=Status(status) if status else None,
            topic_id=self._ok(self.topic),
        )

    def chosen_measure(self) -> Measure:
        return Measure(self._ok(self.measure) or Measure.STATUS)

    def chosen_scope(self) -> Scope:
        value = self.scope.data
        return Scope(value) if value and value in Scope._value2member_map_ else Scope.ZMO

    @property
    def active(self) -> bool:
        """Whether a filter narrows the map (for "quitar filtros")."""
        names = {"anio", "trimestre", "tipo", "estatus", "tema"}
        return any(value for key, value in request.args.items() if key in names)

    @property
    def more_active(self) -> bool:
        """Whether the folded filters (kind, status, topic) are in use or in error."""
        fields = (self.kind, self.status, self.topic)
        return any(field.data or field.errors for field in fields)

    def args(self, **changes) -> dict[str, str]:
        """The current URL's parameters with ``changes`` (for the view tabs and downloads)."""
        values = {key: value for key, value in request.args.items() if value}
        values.update({key: value for key, value in changes.items() if value is not None})
        return values
