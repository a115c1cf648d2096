"""Demo areas: the 24 dependencies the Jefatura's Q2 2025 report lists by name (J 107–126,
docs/demo-data.md), grouped as the report groups them."""

from __future__ import annotations

from registry.areas.models import Area, AreaKind
from registry.areas.services import find_area
from registry.extensions import db

SECRETARIAS = [
    "Secretaría de Obras Públicas y Desarrollo Urbano",
    "Secretaría de Gobierno y Territorio",
    "Secretaría de Seguridad Vecinal",
    "Secretaría de Servicios Vecinales",
    "Secretaría de Bienestar y Tequios Vecinales",
    "Secretaría de Prosperidad Económica Vecinal",
    "Secretaría de Turismo",
    "Secretaría de Cultura, Educación y Fomento a la Lectura",
    "Secretaría de Medio Ambiente y Gestión Hídrica",
]
#: The report's "Entidades": the DIF committee and the municipal institutes.
ENTIDADES = [
    ("Comité Municipal del Sistema para el Desarrollo Integral de la Familia", AreaKind.OTRA),
    ("Instituto Municipal de la Mujer", AreaKind.INSTITUTO),
    ("Instituto Municipal de las Lenguas Indígenas", AreaKind.INSTITUTO),
    ("Instituto Municipal de Planeación", AreaKind.INSTITUTO),
    ("Instituto Municipal de la Juventud", AreaKind.INSTITUTO),
    ("Instituto Municipal del Deporte", AreaKind.INSTITUTO),
]
ORGANOS_AUXILIARES = [
    "Órgano Interno de Control Municipal",
    "Alcaldía Municipal Cívica",
    "Secretaría Municipal",
    "Secretaría Particular",
    "Secretaría Técnica",
    "Jefatura de la Oficina de la Presidencia",
    "Agencia de Transformación Digital",
    "Coordinación de Comunicación Social",
    "Unidad de Transparencia",
]
SEED_AREAS: list[tuple[str, AreaKind]] = [
    *((name, AreaKind.SECRETARIA) for name in SECRETARIAS),
    *ENTIDADES,
    *((name, AreaKind.ORGANO_AUXILIAR) for name in ORGANOS_AUXILIARES),
]


def load() -> str:
    added = 0
    for name, kind in SEED_AREAS:
        if find_area(name) is None:
            db.session.add(Area(name=name, kind=kind))
            added += 1
    db.session.flush()
    kept = len(SEED_AREAS) - added
    return f"Áreas del municipio (informe de la Jefatura): {added} nuevas, {kept} ya estaban."
