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

from registry.agreements.models import Agreement
from registry.agreements.transparency import sipot_type
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
    """Who the agreement is made with: each party's signatory when recorded, else its name."""
    return "; ".join(row.signatory or row.party.name for row in agreement.parties)


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
    "formalized_on": Source(_l("Fecha de firma (formalización)"), _field("formalized_on")),
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
    "note": Source(_l("Nota de transparencia"), _field("transparency_note")),
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
