"""Saving an INEGI municipal layer (prepared by ``geo_import``): the upsert of municipalities.

Idempotent: importing the same file twice changes nothing the second time. Flushes and writes
one audit event; the command commits (or, on any error, nothing at all is written).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.audit import services as audit
from registry.extensions import db
from registry.models_base import utcnow
from registry.parties.geo_import import Municipality, PreparedLayer, prepare_layer
from registry.parties.models import (
    LAYER_ROW,
    OAXACA_DE_JUAREZ,
    BoundaryLayer,
    Party,
    PartyBoundary,
    PartyKind,
)
from registry.parties.states import state_of


@dataclass
class ImportResult:
    file_name: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    cleaned: bool = False

    @property
    def total(self) -> int:
        return len(self.added) + len(self.updated) + len(self.unchanged)


def import_boundaries(path: str | Path, **options) -> ImportResult:
    """Read, check and simplify a municipal layer, then upsert it (the caller commits)."""
    return save_municipalities(prepare_layer(path, **options))


def save_municipalities(layer: PreparedLayer) -> ImportResult:
    """Add or update each municipality of ``layer`` with its polygon, point and population."""
    codes = [municipality.cvegeo for municipality in layer.municipalities]
    existing = {
        party.cvegeo: party
        for party in db.session.scalars(
            select(Party).where(Party.cvegeo.in_(codes)).options(selectinload(Party.boundary))
        )
    }
    result = ImportResult(layer.file_name, repaired=layer.repaired, cleaned=layer.cleaned)
    now = utcnow()
    for municipality in layer.municipalities:
        party = existing.get(municipality.cvegeo)
        if party is None:
            db.session.add(_new_party(municipality, layer.file_name, now))
            result.added.append(municipality.cvegeo)
        elif _update(party, municipality, layer.file_name, now):
            result.updated.append(municipality.cvegeo)
        else:
            result.unchanged.append(municipality.cvegeo)
    if result.added or result.updated:
        renew_layer_token(layer.file_name, now)
    db.session.flush()
    _audit(result)
    return result


def renew_layer_token(source: str, now=None) -> None:
    """Note that the polygons changed: a new ``boundary_layer`` token, so every worker reads
    them again (``parties.layers``)."""
    layer = db.session.get(BoundaryLayer, LAYER_ROW)
    if layer is None:
        layer = BoundaryLayer(id=LAYER_ROW)
        db.session.add(layer)
    layer.token = secrets.token_hex(16)
    layer.source, layer.imported_at = source[:300], now or utcnow()


def _values(municipality: Municipality) -> dict:
    return {
        "name": municipality.name,
        "state": state_of(municipality.cvegeo),
        "population": municipality.population,
        "latitude": municipality.latitude,
        "longitude": municipality.longitude,
    }


def _new_party(municipality: Municipality, source: str, now) -> Party:
    party = Party(
        kind=PartyKind.MUNICIPIO,
        cvegeo=municipality.cvegeo,
        country="México",
        is_self=municipality.cvegeo == OAXACA_DE_JUAREZ,
        zmo_2015=False,
        zmo_2020=False,
        active=True,
        **_values(municipality),
    )
    party.boundary = _boundary(municipality, source, now)
    return party


def _boundary(municipality: Municipality, source: str, now) -> PartyBoundary:
    return PartyBoundary(
        geojson=municipality.geojson,
        area_km2=municipality.area_km2,
        source=source[:300],
        imported_at=now,
    )


def _update(party: Party, municipality: Municipality, source: str, now) -> bool:
    """Bring ``party`` in line with INEGI's data; whether anything changed."""
    changes = {
        key: value for key, value in _values(municipality).items() if getattr(party, key) != value
    }
    for key, value in changes.items():
        setattr(party, key, value)
    boundary = party.boundary
    if boundary is None:
        party.boundary = _boundary(municipality, source, now)
        return True
    if (boundary.geojson, boundary.area_km2) != (municipality.geojson, municipality.area_km2):
        boundary.geojson, boundary.area_km2 = municipality.geojson, municipality.area_km2
        boundary.source, boundary.imported_at = source[:300], now
        return True
    return bool(changes)


def _audit(result: ImportResult) -> None:
    audit.record(
        "import",
        "party_boundaries",
        after={
            "file": result.file_name,
            "added": result.added,
            "updated": result.updated,
            "unchanged": len(result.unchanged),
            "repaired": result.repaired,
            "cleaned": result.cleaned,
        },
    )
