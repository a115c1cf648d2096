"""Stored codes with Spanish labels.

Codes are stored and exchanged as readable strings (``"firmado"``, ``"mesa_seguridad"``); what a
user reads is the label given to each member with ``labelled``:

    class Status(CodeEnum):
        FIRMADO = "firmado"

    STATUS_LABELS = labelled(Status, {Status.FIRMADO: _l("Firmado")})
    Status.FIRMADO.label  # "Firmado"
"""

from __future__ import annotations

from enum import StrEnum

_LABELS: dict[type, dict] = {}


class CodeEnum(StrEnum):
    @property
    def label(self) -> str:
        return str(_LABELS[type(self)][self])


def labelled(codes: type[CodeEnum], labels: dict) -> dict:
    """Give every member of ``codes`` its label (all of them: a missing one is a bug)."""
    missing = set(codes) - set(labels)
    if missing:
        raise ValueError(f"{codes.__name__} without labels: {sorted(missing)}")
    _LABELS[codes] = labels
    return labels
