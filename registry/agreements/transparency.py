"""What the transparency format asks of an agreement beyond its ordinary fields.

Mexico's transparency obligation for convenios (Ley General de Transparencia, Art. 70 fr. XXXIII,
published on the SIPOT) classifies each one as "de coordinación" (among governments) or "de
concertación" (with the social or private sectors), and asks for the resources involved, the
official publication, links to the public document and its amendments, and a note. Agreements
with a foreign government body also need the Secretaría de Relaciones Exteriores' dictamen de
procedencia and inscription in its Registro de Acuerdos Interinstitucionales (Ley sobre la
Celebración de Tratados, art. 7).

Here are those fields' codes, their rules and their fieldset on the agreement form.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import date
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from flask_babel import gettext as _
from wtforms import DateField, Form, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from registry.codes import CodeEnum, labelled
from registry.errors import DomainError
from registry.i18n import lazy_gettext as _l
from registry.parties.models import PartyKind

if TYPE_CHECKING:
    from registry.agreements.forms import AgreementForm
    from registry.agreements.models import Agreement
    from registry.parties.models import Party


class SipotType(CodeEnum):
    """The format's catalogue "Tipo de convenio"."""

    COORDINACION_SOCIAL = "coordinacion_social"
    COORDINACION_PRIVADO = "coordinacion_privado"
    CONCERTACION_SOCIAL = "concertacion_social"
    CONCERTACION_PRIVADO = "concertacion_privado"


#: Exactly as the catalogue of the format spells them.
SIPOT_TYPE_LABELS = labelled(
    SipotType,
    {
        SipotType.COORDINACION_SOCIAL: _l("De coordinación con el sector social"),
        SipotType.COORDINACION_PRIVADO: _l("De coordinación con el sector privado"),
        SipotType.CONCERTACION_SOCIAL: _l("De concertación con el sector social"),
        SipotType.CONCERTACION_PRIVADO: _l("De concertación con el sector privado"),
    },
)

#: How the type is derived, as the agreement form explains it.
DERIVATION_RULE = _l(
    "Si no se elige, se calcula por las contrapartes: con una empresa o el sector privado, "
    "«De concertación con el sector privado»; con organizaciones sociales o instituciones "
    "académicas, «De concertación con el sector social»; solo con gobiernos y organismos "
    "públicos (municipios, dependencias, ciudades extranjeras), «De coordinación con el sector "
    "social», la opción del catálogo para convenios entre gobiernos."
)


def derived_sipot_type(party_kinds: Iterable[PartyKind | str]) -> SipotType:
    """The type the parties imply (see ``DERIVATION_RULE``)."""
    kinds = {PartyKind(kind) for kind in party_kinds}
    if PartyKind.PRIVADA in kinds:
        return SipotType.CONCERTACION_PRIVADO
    if kinds & {PartyKind.SOCIAL, PartyKind.ACADEMICA}:
        return SipotType.CONCERTACION_SOCIAL
    return SipotType.COORDINACION_SOCIAL


def sipot_type(agreement: Agreement) -> SipotType:
    """The agreement's type for the format: the one chosen by hand, or the derived one."""
    if agreement.sipot_type:
        return SipotType(agreement.sipot_type)
    return derived_sipot_type(row.party.kind for row in agreement.parties)


def has_foreign_party(agreement: Agreement) -> bool:
    return any(row.party.kind == PartyKind.EXTRANJERA for row in agreement.parties)


@dataclass
class TransparencyData:
    """The agreement's transparency fields as a form gives them (names = the columns)."""

    sipot_type: SipotType | None = None
    resources_source: str | None = None
    resources_description: str | None = None
    published_on: date | None = None
    document_url: str | None = None
    amendments_url: str | None = None
    transparency_note: str | None = None
    sre_opinion: str | None = None
    sre_opinion_on: date | None = None
    sre_registry_number: str | None = None
    sre_registered_on: date | None = None

    @classmethod
    def of(cls, agreement: Agreement) -> TransparencyData:
        """The fields as saved."""
        values = {name: getattr(agreement, name) for name in TRANSPARENCY_FIELDS}
        values["sipot_type"] = SipotType(values["sipot_type"]) if values["sipot_type"] else None
        return cls(**values)

    @property
    def sre_fields(self) -> list[str]:
        return [name for name in SRE_FIELDS if getattr(self, name)]


TRANSPARENCY_FIELDS = [item.name for item in fields(TransparencyData)]
SRE_FIELDS = ["sre_opinion", "sre_opinion_on", "sre_registry_number", "sre_registered_on"]
URL_FIELDS = ["document_url", "amendments_url"]
DATE_FIELDS = ["published_on", "sre_opinion_on", "sre_registered_on"]


def check_transparency(data: TransparencyData, parties: list[Party], today: date) -> None:
    """The rules of the transparency fields; a ``DomainError`` names the field at fault."""
    for name in URL_FIELDS:
        value = (getattr(data, name) or "").strip()
        if value and not _is_web_address(value):
            raise DomainError(
                _("Escriba una dirección web completa, que empiece con https:// o http://."), name
            )
    for name in DATE_FIELDS:
        value = getattr(data, name)
        if value and value > today:
            raise DomainError(_("La fecha no puede ser posterior a hoy."), name)
    if data.sre_fields and not any(party.kind == PartyKind.EXTRANJERA for party in parties):
        raise DomainError(
            _(
                "El dictamen y el registro de la SRE solo aplican a instrumentos con una "
                "contraparte extranjera."
            ),
            data.sre_fields[0],
        )
    if (
        data.sre_opinion_on
        and data.sre_registered_on
        and (data.sre_registered_on < data.sre_opinion_on)
    ):
        raise DomainError(
            _("La inscripción en el registro de la SRE no puede ser anterior a su dictamen."),
            "sre_registered_on",
        )


def apply_transparency(agreement: Agreement, data: TransparencyData) -> None:
    """Copy the fields onto the agreement (blank text stored as None)."""
    for name in TRANSPARENCY_FIELDS:
        value = getattr(data, name)
        if isinstance(value, str):
            value = value.strip() or None
        setattr(agreement, name, value)


def _is_web_address(value: str) -> bool:
    parts = urlsplit(value)
    return parts.scheme in ("http", "https") and bool(parts.netloc) and " " not in value


# The "Transparencia" fieldset of the agreement form ---------------------------------------------


def sipot_type_choices() -> list[tuple[str, str]]:
    return [("", _l("— Según las contrapartes —")), *((t.value, t.label) for t in SipotType)]


class TransparencyForm(Form):
    """The "Transparencia" fieldset: the transparency format's fields and the SRE's record."""

    sipot_type = SelectField(
        _l("Tipo de convenio (formato de transparencia)"),
        choices=sipot_type_choices,
        default="",
        description=DERIVATION_RULE,
    )
    resources_source = StringField(
        _l("Fuente de los recursos que se emplearán"),
        validators=[Optional(), Length(max=300)],
        description=_l("Texto libre; a menudo «No aplica»."),
    )
    resources_description = TextAreaField(
        _l("Descripción y/o monto de los recursos públicos entregados"), validators=[Optional()]
    )
    published_on = DateField(
        _l("Fecha de publicación en el DOF u otro medio oficial"), validators=[Optional()]
    )
    document_url = StringField(
        _l("Hipervínculo al documento (versión pública)"),
        validators=[Optional(), Length(max=500)],
        description=_l("La dirección pública del convenio firmado, https://…"),
    )
    amendments_url = StringField(
        _l("Hipervínculo al documento con modificaciones"),
        validators=[Optional(), Length(max=500)],
    )
    transparency_note = TextAreaField(
        _l("Nota"),
        validators=[Optional()],
        description=_l("Se publica en la columna «Nota», p. ej. por qué un dato está vacío."),
    )
    sre_opinion = StringField(
        _l("Dictamen de procedencia de la SRE (número)"),
        validators=[Optional(), Length(max=120)],
        description=_l("Solo con contrapartes extranjeras: la SRE dictamina antes de la firma."),
    )
    sre_opinion_on = DateField(_l("Fecha del dictamen"), validators=[Optional()])
    sre_registry_number = StringField(
        _l("Número en el Registro de Acuerdos Interinstitucionales"),
        validators=[Optional(), Length(max=120)],
    )
    sre_registered_on = DateField(
        _l("Fecha de inscripción en el registro"), validators=[Optional()]
    )


def transparency_data(form: AgreementForm) -> TransparencyData:
    """The "Transparencia" fieldset's values as the services take them."""
    values = {name: form.transparency[name].data for name in TRANSPARENCY_FIELDS}
    values["sipot_type"] = SipotType(values["sipot_type"]) if values["sipot_type"] else None
    return TransparencyData(**values)
