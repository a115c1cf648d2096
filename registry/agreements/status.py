"""The agreement status lifecycle: codes and labels.

``intencion → negociacion → firmado → ratificado``, and the ends ``concluido`` and ``cancelado``
(see ../shared/DOMAIN.md). The transition rules live beside these codes so views, the importer and
the CLI share one definition.
"""

from __future__ import annotations

from enum import StrEnum

from flask_babel import lazy_gettext as _l


class Status(StrEnum):
    INTENCION = "intencion"
    NEGOCIACION = "negociacion"
    FIRMADO = "firmado"
    RATIFICADO = "ratificado"
    CONCLUIDO = "concluido"
    CANCELADO = "cancelado"

    @property
    def label(self) -> str:
        return str(STATUS_LABELS[self])

    @property
    def is_formalized(self) -> bool:
        return self in FORMALIZED

    @property
    def is_open(self) -> bool:
        return self in OPEN


STATUS_LABELS = {
    Status.INTENCION: _l("Intención"),
    Status.NEGOCIACION: _l("Negociación"),
    Status.FIRMADO: _l("Firmado"),
    Status.RATIFICADO: _l("Ratificado"),
    Status.CONCLUIDO: _l("Concluido"),
    Status.CANCELADO: _l("Cancelado"),
}

#: Reaching one of these formalizes an agreement; the first such act is its formalization date.
FORMALIZED = frozenset({Status.FIRMADO, Status.RATIFICADO})
#: Not yet at an end.
OPEN = frozenset({Status.INTENCION, Status.NEGOCIACION, Status.FIRMADO, Status.RATIFICADO})
#: The order of progress; ends are not on it.
PROGRESSION = (Status.INTENCION, Status.NEGOCIACION, Status.FIRMADO, Status.RATIFICADO)
