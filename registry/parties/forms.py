"""Forms of the parties pages: a party of any kind, and a municipality's editable details."""

from __future__ import annotations

from wtforms import FloatField, SelectField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, NumberRange, Optional

from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l
from registry.parties.models import PartyKind
from registry.parties.states import state_choices

WEBSITE_HELP = _l("Dirección completa, p. ej. https://www.ejemplo.gob.mx")


def kind_choices(include_municipio: bool = True) -> list[tuple[str, str]]:
    return [
        (kind.value, kind.label)
        for kind in PartyKind
        if include_municipio or kind != PartyKind.MUNICIPIO
    ]


class MunicipalityForm(FlaskForm):
    """What an editor may change on a municipality: the rest comes from INEGI."""

    acronym = StringField(_l("Siglas o nombre corto"), validators=[Optional(), Length(max=40)])
    website = StringField(
        _l("Sitio web"),
        validators=[Optional(), Length(max=300), URL(message=_l("Escriba una dirección web."))],
        description=WEBSITE_HELP,
    )
    notes = TextAreaField(_l("Notas"), validators=[Optional(), Length(max=5000)])

    def values(self) -> dict:
        return {name: field.data for name, field in self._fields.items() if name != "csrf_token"}


class PartyForm(MunicipalityForm):
    """A new party of any kind, or an existing party that is not a municipality."""

    kind = SelectField(
        _l("Tipo"),
        choices=kind_choices,
        validators=[DataRequired(message=_l("Elija el tipo de contraparte."))],
    )
    name = StringField(
        _l("Nombre"),
        validators=[DataRequired(message=_l("Escriba el nombre.")), Length(max=200)],
        description=_l("Como se escribe oficialmente, con acentos: «Comisión Estatal del Agua»."),
    )
    cvegeo = StringField(
        _l("Clave INEGI del municipio (CVEGEO)"),
        validators=[Optional(), Length(max=5)],
        description=_l(
            "5 dígitos: estado y municipio, p. ej. 20390. El nombre, el estado, el punto en el "
            "mapa y los límites se toman del INEGI al importar el Marco Geoestadístico."
        ),
        render_kw={"inputmode": "numeric", "autocomplete": "off"},
    )
    state = SelectField(
        _l("Estado"),
        choices=lambda: [("", _l("— Ninguno —")), *state_choices()],
        validators=[Optional()],
        description=_l("Para dependencias estatales y organismos locales."),
    )
    country = StringField(_l("País"), validators=[Optional(), Length(max=80)])
    latitude = FloatField(
        _l("Latitud"),
        validators=[Optional(), NumberRange(min=-90, max=90)],
        description=_l("Grados decimales, p. ej. 40.4168 (opcional: para ubicarla en el mapa)."),
    )
    longitude = FloatField(
        _l("Longitud"),
        validators=[Optional(), NumberRange(min=-180, max=180)],
        description=_l("Grados decimales, p. ej. -3.7038; al oeste de Greenwich es negativa."),
    )

    def __init__(self, *args, new: bool = True, **kwargs):
        """A new party may be of any kind (chosen on purpose); an existing one never becomes
        a municipality."""
        super().__init__(*args, **kwargs)
        choices = kind_choices(include_municipio=new)
        self.kind.choices = [("", _l("— Elija el tipo —")), *choices] if new else choices
