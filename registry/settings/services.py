"""Reading and saving the administrators' settings (who signs the reports, the unit's name).

The catalogue below is every setting there is; a key outside it is a programming error. Values
are free text, empty by default: a report simply leaves out what is not configured.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from sqlalchemy import select

from registry.audit import services as audit
from registry.extensions import db
from registry.i18n import lazy_gettext as _l
from registry.settings.models import Setting

UNIT_NAME = "report.unit_name"
SIGNER_NAME = "report.signer_name"
SIGNER_POST = "report.signer_post"
TRANSPARENCY_AREA = "transparency.area"


@dataclass(frozen=True)
class SettingSpec:
    label: str
    description: str
    max_length: int = 300


SETTINGS: dict[str, SettingSpec] = {
    UNIT_NAME: SettingSpec(
        _l("Nombre de la unidad"),
        _l(
            "Encabeza el informe trimestral, p. ej. «Unidad de Atención de Asuntos Metropolitanos»."
        ),
    ),
    SIGNER_NAME: SettingSpec(
        _l("Nombre de quien autoriza"),
        _l("Aparece bajo «Autorizó» al final del informe trimestral."),
        200,
    ),
    SIGNER_POST: SettingSpec(
        _l("Cargo de quien autoriza"),
        _l("p. ej. «Titular de la Unidad de Atención de Asuntos Metropolitanos»."),
    ),
    TRANSPARENCY_AREA: SettingSpec(
        _l("Área(s) responsable(s) de la información (transparencia)"),
        _l(
            "La columna «Área(s) responsable(s) que genera(n), posee(n), publica(n) y "
            "actualizan la información» del formato de convenios. Vacío: el nombre de la unidad."
        ),
    ),
}


@dataclass(frozen=True)
class ReportSettings:
    """What the reports print from the settings ("" where nothing is configured)."""

    unit_name: str = ""
    signer_name: str = ""
    signer_post: str = ""
    transparency_area: str = ""


def get_settings() -> dict[str, str]:
    """Every setting's value ("" when not set), in one query."""
    stored = {row.key: row.value for row in db.session.scalars(select(Setting))}
    return {key: stored.get(key) or "" for key in SETTINGS}


def report_settings() -> ReportSettings:
    """The settings the reports use; the transparency area falls back to the unit's name."""
    values = get_settings()
    return ReportSettings(
        unit_name=values[UNIT_NAME],
        signer_name=values[SIGNER_NAME],
        signer_post=values[SIGNER_POST],
        transparency_area=values[TRANSPARENCY_AREA] or values[UNIT_NAME],
    )


def save_settings(values: Mapping[str, str | None], *, user=None) -> bool:
    """Store the given settings (blank clears one) with one audit event; True if any changed."""
    unknown = set(values) - set(SETTINGS)
    if unknown:
        raise KeyError(f"ajustes desconocidos: {', '.join(sorted(unknown))}")
    rows = {row.key: row for row in db.session.scalars(select(Setting))}
    before, after = {}, {}
    for key, value in values.items():
        value = " ".join((value or "").split()) or None
        row = rows.get(key)
        if (row.value if row else None) == value:
            continue
        before[key], after[key] = (row.value if row else None), value
        if row is None:
            row = Setting(key=key)
            db.session.add(row)
        row.value = value
        row.updated_by_id = user.id if user is not None else None
    if not after:
        return False
    db.session.flush()
    audit.record("update", "setting", None, before=before, after=after, user=user)
    return True
