"""The import workbook's format (docs/import-workbook.md): sheets and columns.

One table that the reader (which headers must be there), the row parsers (which cell goes where)
and the blank template (headers, their comments and widths) all read, so the three never drift.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.agreements.status import Status
from registry.i18n import lazy_gettext as _l

AGREEMENTS = "Instrumentos"
MEETINGS = "Reuniones"
#: Sheet order: how issues and summaries are listed.
SHEETS = (AGREEMENTS, MEETINGS)

#: What separates the items of a list inside one cell.
LIST_SEPARATOR = ";"
#: A spreadsheet longer than this is refused rather than read for minutes.
MAX_ROWS = 10_000


@dataclass(frozen=True)
class Column:
    header: str
    description: str
    width: int = 18
    required: bool = False  # the cell must not be empty


AGREEMENT_COLUMNS = (
    Column(
        "folio",
        _l(
            "Folio único del instrumento, p. ej. HER-2025-002. Si ya existe, la fila "
            "actualiza ese instrumento."
        ),
        16,
        True,
    ),
    Column("tipo", _l("alianza, hermanamiento o convenio."), 16, True),
    Column("titulo", _l("Título del instrumento."), 40, True),
    Column("objetivo", _l("Objetivo (texto libre)."), 40),
    Column("temas", _l("Temas de la lista del registro, separados por «;»."), 30),
    Column(
        "contrapartes",
        _l(
            "Clave INEGI (CVEGEO, 5 dígitos) o nombre exacto de cada "
            "contraparte registrada, separadas por «;»."
        ),
        30,
        True,
    ),
    Column(
        "estatus",
        _l(
            "intencion, negociacion, firmado, ratificado, concluido o cancelado; "
            "debe ser el del último acto con fecha."
        ),
        14,
        True,
    ),
    Column("fecha_intencion", _l("Fecha de la carta de intención (AAAA-MM-DD)."), 14),
    Column("fecha_negociacion", _l("Fecha en que empezó la negociación (AAAA-MM-DD)."), 14),
    Column("fecha_firma", _l("Fecha de firma (AAAA-MM-DD)."), 14),
    Column("fecha_ratificacion", _l("Fecha de ratificación (AAAA-MM-DD)."), 14),
    Column(
        "fecha_conclusion", _l("Fecha de conclusión, al terminar la vigencia (AAAA-MM-DD)."), 14
    ),
    Column("fecha_cancelacion", _l("Fecha de cancelación (AAAA-MM-DD); requiere motivo."), 14),
    Column("vigencia_inicio", _l("Inicio de la vigencia (AAAA-MM-DD)."), 14),
    Column("vigencia_fin", _l("Fin de la vigencia (AAAA-MM-DD)."), 14),
    Column(
        "oficio",
        _l("Número de oficio o documento, p. ej. OPM/EXT/0064/2025; varios, separados por «;»."),
        22,
    ),
    Column("motivo", _l("Motivo de la cancelación (solo con fecha_cancelacion)."), 30),
    Column("notas", _l("Notas (texto libre)."), 30),
)

MEETING_COLUMNS = (
    Column(
        "folio",
        _l(
            "Folio único de la reunión, p. ej. REU-2025-006. Si ya existe, la fila "
            "actualiza esa reunión."
        ),
        16,
        True,
    ),
    Column(
        "tipo", _l("reunion_trabajo, mesa_seguridad, mando_coordinado, recorrido u otro."), 18, True
    ),
    Column("titulo", _l("Título de la reunión."), 40, True),
    Column(
        "fechas",
        _l(
            "Fecha (AAAA-MM-DD) o varias separadas por «;» (un recorrido del 15 y "
            "22 de mayo es una sola reunión)."
        ),
        24,
        True,
    ),
    Column(
        "estado",
        _l(
            "programada, realizada o cancelada. Vacío: una reunión nueva con alguna fecha de hoy "
            "o anterior queda realizada, con todas por venir programada; una existente conserva "
            "el suyo."
        ),
        14,
    ),
    Column("motivo", _l("Motivo de la cancelación (solo con estado cancelada)."), 30),
    Column("lugar", _l("Lugar."), 24),
    Column(
        "participantes",
        _l("Contrapartes participantes: clave INEGI o nombre exacto, separadas por «;»."),
        30,
    ),
    Column("temas", _l("Temas de la lista del registro, separados por «;»."), 24),
    Column("descripcion", _l("Descripción (texto libre)."), 40),
    Column("acuerdos", _l("Acuerdos tomados, separados por «;»; se agregan como pendientes."), 30),
    Column(
        "evidencia", _l("Enlaces (https://…) a publicaciones o documentos, separados por «;»."), 30
    ),
    Column(
        "indicador",
        _l(
            "Clave del indicador MIR (p. ej. 12.1); vacío: el que corresponde al "
            "tipo; «ninguno»: no cuenta para ninguno."
        ),
        12,
    ),
)

COLUMNS = {AGREEMENTS: AGREEMENT_COLUMNS, MEETINGS: MEETING_COLUMNS}

#: The dated columns of the Instrumentos sheet, in lifecycle order, and the act each records.
STATUS_DATE_COLUMNS = (
    ("fecha_intencion", Status.INTENCION),
    ("fecha_negociacion", Status.NEGOCIACION),
    ("fecha_firma", Status.FIRMADO),
    ("fecha_ratificacion", Status.RATIFICADO),
    ("fecha_conclusion", Status.CONCLUIDO),
    ("fecha_cancelacion", Status.CANCELADO),
)
DATE_COLUMN_OF = {status: column for column, status in STATUS_DATE_COLUMNS}

#: What an ``indicador`` cell says to count a meeting for no indicator at all.
NO_INDICATOR = "ninguno"


def headers(sheet: str) -> list[str]:
    return [column.header for column in COLUMNS[sheet]]
