"""Demo settings: who signs the Unidad's Q2 2025 report, as the seed prints it.

The Unidad's Q2 2025 report (docs/demo-data.md) ends each section with
"Autorizó: Sara Mariana Jara Carrasco, Titular de la Unidad de Atención de Asuntos
Metropolitanos". Only settings still empty are filled, so an administrator's changes stay.
"""

from __future__ import annotations

from registry.settings.services import (
    SIGNER_NAME,
    SIGNER_POST,
    UNIT_NAME,
    get_settings,
    save_settings,
)

SEED_SETTINGS = {
    UNIT_NAME: "Unidad de Atención de Asuntos Metropolitanos",
    SIGNER_NAME: "Sara Mariana Jara Carrasco",
    SIGNER_POST: "Titular de la Unidad de Atención de Asuntos Metropolitanos",
}


def load() -> str:
    current = get_settings()
    missing = {key: value for key, value in SEED_SETTINGS.items() if not current[key]}
    if missing:
        save_settings(missing)
    return f"Ajustes del informe (unidad y firma «Autorizó»): {len(missing)} fijados."
