"""Demo parties: the counterparts the Q2 2025 reports name (docs/demo-data.md).

The municipalities (Santa Lucía del Camino, Santa Cruz Xoxocotlán, San Jacinto Amilpas, and
Ensenada, Los Cabos and Cozumel) are reference data every database already holds; this adds the
state bodies and organismos the reports name, as they name them. Bodies the reports mention only
in general ("autoridades federales") are not invented.
"""

from __future__ import annotations

from sqlalchemy import select

from registry.extensions import db
from registry.parties.models import Party, PartyKind
from registry.text import fold

SEED_PARTIES = [
    # Unidad de Atención de Asuntos Metropolitanos, activity 1 (8 April 2025)
    (
        PartyKind.ESTATAL,
        "Secretaría de Medio Ambiente, Biodiversidad, Energías y Sostenibilidad",
        None,
    ),
    (PartyKind.ESTATAL, "Instituto de Planeación para el Bienestar", None),
    (PartyKind.ESTATAL, "Comisión Estatal del Agua", None),
    (PartyKind.ORGANISMO, "Sistema Operador de los Servicios de Agua Potable", "SOAPA"),
    (PartyKind.ESTATAL, "Secretaría de Finanzas", None),
    # activity 2 (27 May 2025)
    (PartyKind.ESTATAL, "Comisión de Límites del Gobierno del Estado", None),
    # activity 3 (23 June 2025), Mando Coordinado (12 June 2025), mesas de seguridad
    (PartyKind.ESTATAL, "Gobierno del Estado de Oaxaca", None),
    # the 9 May 2025 post on the Mesa de Seguridad names these two
    (PartyKind.ESTATAL, "Secretaría de Gobierno", None),
    (PartyKind.ESTATAL, "Fiscalía General del Estado de Oaxaca", None),
]


def seed_party(name: str) -> Party:
    """A party of the seed by its exact name (for the other domains' demo loaders)."""
    party = db.session.scalar(select(Party).where(Party.name_key == fold(name)))
    if party is None:
        raise LookupError(f"la contraparte de demostración {name!r} no existe")
    return party


def municipality(cvegeo: str) -> Party:
    party = db.session.scalar(select(Party).where(Party.cvegeo == cvegeo))
    if party is None:
        raise LookupError(f"el municipio {cvegeo} no está en los datos de referencia")
    return party


def load() -> str:
    existing = set(db.session.scalars(select(Party.name_key)))
    added = 0
    for kind, name, acronym in SEED_PARTIES:
        if fold(name) in existing:
            continue
        db.session.add(Party(kind=kind, name=name, acronym=acronym, state="Oaxaca"))
        added += 1
    db.session.flush()
    return f"Contrapartes de los informes: {added} nuevas, {len(SEED_PARTIES) - added} ya estaban."
