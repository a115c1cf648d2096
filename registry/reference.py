"""Reference data every registry database holds from its first migration.

- the municipalities of ``geo/municipios_referencia.csv``: the Zona Metropolitana de Oaxaca
  (both delimitations), Oaxaca de Juárez itself, and the demo's partner municipalities outside
  Oaxaca;
- the initial topic list of docs/records.md (admins manage it afterwards).

Written with SQLAlchemy Core on the columns these tables had when they were created, so the data
migration that calls it keeps working as the models grow. Idempotent: it adds what is missing
and refreshes the ZMO facts of existing municipalities, nothing else.
"""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Connection

from registry.text import fold

GEO_DIR = Path(__file__).resolve().parent.parent / "geo"
MUNICIPALITIES_CSV = GEO_DIR / "municipios_referencia.csv"
OAXACA_DE_JUAREZ = "20067"

INITIAL_TOPICS = [
    "Seguridad",
    "Agua",
    "Servicios públicos",
    "Salud",
    "Educación",
    "Desarrollo social",
    "Turismo",
    "Cultura",
    "Desarrollo económico",
    "Medio ambiente",
    "Límites territoriales",
    "Gestión urbana",
    "Gestión pública",
    "Movilidad",
    "Artesanías",
]

parties = sa.table(
    "parties",
    sa.column("id", sa.Integer),
    sa.column("kind", sa.String),
    sa.column("name", sa.String),
    sa.column("name_key", sa.String),
    sa.column("cvegeo", sa.String),
    sa.column("state", sa.String),
    sa.column("country", sa.String),
    sa.column("zmo_2015", sa.Boolean),
    sa.column("zmo_2020", sa.Boolean),
    sa.column("is_self", sa.Boolean),
    sa.column("latitude", sa.Float),
    sa.column("longitude", sa.Float),
    sa.column("active", sa.Boolean),
    sa.column("created_at", sa.DateTime(timezone=True)),
    sa.column("updated_at", sa.DateTime(timezone=True)),
)

topics = sa.table(
    "topics",
    sa.column("name", sa.String),
    sa.column("name_key", sa.String),
    sa.column("active", sa.Boolean),
)


def reference_municipalities() -> list[dict]:
    """The rows of geo/municipios_referencia.csv, typed."""
    with MUNICIPALITIES_CSV.open(encoding="utf-8", newline="") as handle:
        return [
            {
                "cvegeo": row["cvegeo"],
                "name": row["nombre"],
                "state": row["estado"],
                "zmo_2015": row["zmo_2015"] == "1",
                "zmo_2020": row["zmo_2020"] == "1",
                "latitude": float(row["latitud"]),
                "longitude": float(row["longitud"]),
            }
            for row in csv.DictReader(handle)
        ]


def ensure_reference_data(connection: Connection) -> dict[str, int]:
    """Insert missing reference rows; returns how many of each were added."""
    return {
        "municipios": _ensure_municipalities(connection),
        "temas": _ensure_topics(connection),
    }


def _ensure_municipalities(connection: Connection) -> int:
    existing = {
        row.cvegeo: row
        for row in connection.execute(
            sa.select(parties.c.cvegeo, parties.c.zmo_2015, parties.c.zmo_2020).where(
                parties.c.cvegeo.is_not(None)
            )
        )
    }
    now = datetime.now(UTC)
    added = 0
    for municipality in reference_municipalities():
        flags = {key: municipality[key] for key in ("zmo_2015", "zmo_2020")}
        current = existing.get(municipality["cvegeo"])
        if current is None:
            connection.execute(
                parties.insert().values(
                    **municipality,
                    kind="municipio",
                    name_key=fold(municipality["name"]),
                    country="México",
                    is_self=municipality["cvegeo"] == OAXACA_DE_JUAREZ,
                    active=True,
                    created_at=now,
                    updated_at=now,
                )
            )
            added += 1
        elif (current.zmo_2015, current.zmo_2020) != tuple(flags.values()):
            connection.execute(
                parties.update()
                .where(parties.c.cvegeo == municipality["cvegeo"])
                .values(**flags, updated_at=now)
            )
    return added


def _ensure_topics(connection: Connection) -> int:
    known = set(connection.scalars(sa.select(topics.c.name_key)))
    missing = [name for name in INITIAL_TOPICS if fold(name) not in known]
    for name in missing:
        connection.execute(topics.insert().values(name=name, name_key=fold(name), active=True))
    return len(missing)
