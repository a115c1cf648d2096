"""Where a column of the transparency export takes its values from: a fixed catalogue.

An administrator arranges columns (``layout``) and picks each one's source from this list; the
code knows how to read each source from an agreement and the period exported. Values are typed
(``date``, ``int``, ``str``): the spreadsheet writes dates as date cells.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import gettext as _

from registry.agreements.models import Agreement
from registry.agreements.queries import signatures
from registry.agreements.transparency import sipot_type
from registry.dates import DatePrecision
from registry.filters import fecha_precisa
from registry.i18n import lazy_gettext as _l


@dataclass(frozen=True)
class ExportContext:
    """What every row shares: the period exported, the day of the export, the configured area."""

    year: int
    quarter: int
    start: date
    end: date
    today: date
    area: str


@dataclass(frozen=True)
class Source:
    label: str
    read: Callable[[Agreement, ExportContext, str | None], Any]


def signatories(agreement: Agreement) -> str:
    """Who the agreement is made with: each party's signatory when recorded, else its name;
    when only some parties have signed, those (the others are named in the note)."""
    found = signatures(agreement)
    rows = found.signed if found and found.partial else agreement.parties
    return "; ".join(row.signatory or row.party.name for row in rows)


def signing_date(agreement: Agreement) -> date | str | None:
    """The formalization date as a date cell when its day is known; otherwise as precise as
    it is ("2.º trimestre de 2025, día no indicado"), never an invented day."""
    if agreement.formalized_on is None or agreement.formalized_on_precision == DatePrecision.DAY:
        return agreement.formalized_on
    return fecha_precisa(agreement.formalized_on, agreement.formalized_on_precision)


def note(agreement: Agreement) -> str | None:
    """The agreement's own transparency note, then what the row cannot show as a plain fact:
    a signing date whose day the document does not give, parties that have not signed."""
    parts = [agreement.transparency_note] if agreement.transparency_note else []
    if agreement.formalized_on and agreement.formalized_on_precision != DatePrecision.DAY:
        parts.append(
            _(
                "El documento no indica el día de la firma o ratificación: %(when)s.",
                when=fecha_precisa(agreement.formalized_on, agreement.formalized_on_precision),
            )
        )
    found = signatures(agreement)
    if found and found.partial:
        missing = "; ".join(row.party.name for row in found.unsigned)
        parts.append(_("Pendiente la firma de: %(names)s.", names=missing))
    return " ".join(parts) or None


def _sre(number: str | None, day: date | None) -> str:
    return " ".join(part for part in (number, day and day.strftime("%d/%m/%Y")) if part)


def _field(name: str) -> Callable[[Agreement, ExportContext, str | None], Any]:
    return lambda agreement, context, text: getattr(agreement, name)


#: Key → what it reads. Keys are stored in the layout table: never rename one.
SOURCES: dict[str, Source] = {
    "year": Source(_l("Ejercicio (año del periodo)"), lambda a, c, t: c.year),
    "period_start": Source(_l("Inicio del periodo informado"), lambda a, c, t: c.start),
    "period_end": Source(_l("Término del periodo informado"), lambda a, c, t: c.end),
    "sipot_type": Source(_l("Tipo de convenio (catálogo)"), lambda a, c, t: sipot_type(a).label),
    "title": Source(_l("Título del instrumento"), _field("title")),
    "formalized_on": Source(_l("Fecha de firma (formalización)"), lambda a, c, t: signing_date(a)),
    "responsible_unit": Source(_l("Unidad responsable"), _field("responsible_unit")),
    "signatories": Source(
        _l("Firmantes de las contrapartes (o sus nombres)"), lambda a, c, t: signatories(a)
    ),
    "objective": Source(_l("Objetivo"), _field("objective")),
    "resources_source": Source(_l("Fuente de los recursos"), _field("resources_source")),
    "resources_description": Source(
        _l("Descripción o monto de los recursos"), _field("resources_description")
    ),
    "valid_from": Source(_l("Inicio de vigencia"), _field("valid_from")),
    "valid_until": Source(_l("Fin de vigencia"), _field("valid_until")),
    "published_on": Source(_l("Fecha de publicación oficial"), _field("published_on")),
    "document_url": Source(_l("Hipervínculo al documento"), _field("document_url")),
    "amendments_url": Source(_l("Hipervínculo a las modificaciones"), _field("amendments_url")),
    "area": Source(_l("Área responsable (de los ajustes de los informes)"), lambda a, c, t: c.area),
    "export_date": Source(_l("Fecha de la exportación"), lambda a, c, t: c.today),
    "note": Source(
        _l("Nota de transparencia (y lo que la fila no puede decir como fecha o firma)"),
        lambda a, c, t: note(a),
    ),
    "folio": Source(_l("Folio"), _field("folio")),
    "kind": Source(
        _l("Tipo de instrumento (alianza, hermanamiento, convenio)"), lambda a, c, t: a.kind.label
    ),
    "status": Source(_l("Estatus actual"), lambda a, c, t: a.status.label),
    "parties": Source(
        _l("Contrapartes (nombres)"), lambda a, c, t: "; ".join(row.party.name for row in a.parties)
    ),
    "sre_opinion": Source(
        _l("Dictamen de procedencia de la SRE (número y fecha)"),
        lambda a, c, t: _sre(a.sre_opinion, a.sre_opinion_on),
    ),
    "sre_registry": Source(
        _l("Registro de Acuerdos Interinstitucionales (número y fecha)"),
        lambda a, c, t: _sre(a.sre_registry_number, a.sre_registered_on),
    ),
    "fixed": Source(_l("Texto fijo (el mismo en todas las filas)"), lambda a, c, t: t or None),
}

#: The layout of docs/transparency.md: (header as published, source key).
DEFAULT_COLUMNS: list[tuple[str, str]] = [
    ("Ejercicio", "year"),
    ("Fecha de inicio del periodo que se informa", "period_start"),
    ("Fecha de término del periodo que se informa", "period_end"),
    ("Tipo de convenio (catálogo)", "sipot_type"),
    ("Denominación del convenio", "title"),
    ("Fecha de firma del convenio", "formalized_on"),
    ("Unidad administrativa y/o responsable de su seguimiento", "responsible_unit"),
    (
        "Persona(s) con quien se celebra el convenio: nombre(s), primer apellido, segundo "
        "apellido, o denominación / razón social",
        "signatories",
    ),
    ("Objetivo(s) del convenio", "objective"),
    ("Fuente de los recursos que se emplearán", "resources_source"),
    ("Descripción y/o monto de los recursos públicos entregados", "resources_description"),
    ("Inicio del periodo de vigencia del convenio", "valid_from"),
    ("Término del periodo de vigencia del convenio", "valid_until"),
    ("Fecha de publicación en DOF u otro medio oficial", "published_on"),
    ("Hipervínculo al documento, en su caso, a la versión pública", "document_url"),
    ("Hipervínculo al documento con modificaciones, en su caso", "amendments_url"),
    (
        "Área(s) responsable(s) que genera(n), posee(n), publica(n) y actualizan la información",
        "area",
    ),
    ("Fecha de validación", "export_date"),
    ("Fecha de actualización", "export_date"),
    ("Nota", "note"),
]
