"""Map layers of municipalities, built from the database and cached per worker.

The app runs under several gunicorn workers that share nothing but the database, so each worker
keeps its own copy of a built layer together with the *geography version* it was built from: a
cheap query over the boundaries and municipalities. An INEGI import (or any change to a
municipality) changes the version, and every worker rebuilds on its next request; otherwise a
layer is never rebuilt. The polygons are stored simplified, so building a layer only reads them.

The map (issue 6) reuses ``municipality_features`` / ``feature_collection`` and
``municipalities_frame`` (a GeoDataFrame by CVEGEO, for folium).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from typing import Any

from flask import has_request_context, url_for
from sqlalchemy import ColumnElement, func, or_, select

from registry import caching
from registry.extensions import db
from registry.parties.models import Party, PartyBoundary, PartyKind, zmo_delimitation

COMPACT = {"separators": (",", ":"), "ensure_ascii": False}
#: The properties every municipality feature carries (besides ``id`` and, in a request, ``url``).
PROPERTIES = ("cvegeo", "name", "state", "zmo", "zmo_2015", "zmo_2020", "is_self", "population")


def geography_version() -> str:
    """A short fingerprint of everything a municipal layer shows; changes on import or edit."""
    municipio = Party.kind == PartyKind.MUNICIPIO
    row = db.session.execute(
        select(
            select(func.count()).select_from(PartyBoundary).scalar_subquery(),
            select(func.max(PartyBoundary.imported_at)).scalar_subquery(),
            select(func.count()).select_from(Party).where(municipio).scalar_subquery(),
            select(func.max(Party.updated_at)).where(municipio).scalar_subquery(),
        )
    ).one()
    fingerprint = f"{tuple(row)}|{zmo_delimitation()}"
    return hashlib.sha256(fingerprint.encode()).hexdigest()[:16]  # a cache key, not a secret


def cached(name: str, build: Callable[[], Any]) -> tuple[str, Any]:
    """``build()``'s result, rebuilt only when the geography version changed; (version, value)."""
    version = geography_version()
    return version, caching.cached(f"layer:{name}", version, build)


def zmo_condition() -> ColumnElement[bool]:
    """Members of the ZMO under either delimitation (the ``zmo`` property says which applies)."""
    return or_(Party.zmo_2015.is_(True), Party.zmo_2020.is_(True))


def zmo_layer() -> tuple[str, bytes]:
    """The ZMO layer as GeoJSON bytes (polygons where imported, points otherwise); (version, …)."""
    return cached("zmo", lambda: feature_collection(municipality_features(zmo_condition())))


def municipality_features(*conditions: ColumnElement[bool]) -> list[str]:
    """Municipalities matching ``conditions`` as GeoJSON Feature texts, ordered by CVEGEO.

    The stored polygon text is spliced in as it is (it is already GeoJSON), never re-parsed; a
    municipality without an imported polygon is its representative point, and one with neither
    is left out.
    """
    query = (
        select(Party, PartyBoundary.geojson)
        .outerjoin(PartyBoundary, PartyBoundary.party_id == Party.id)
        .where(Party.kind == PartyKind.MUNICIPIO, *conditions)
        .order_by(Party.cvegeo)
    )
    features = []
    for party, polygon in db.session.execute(query):
        geometry = polygon or _point(party)
        if geometry is not None:
            properties = json.dumps(feature_properties(party), **COMPACT)
            features.append(f'{{"type":"Feature","properties":{properties},"geometry":{geometry}}}')
    return features


def feature_properties(party: Party) -> dict[str, Any]:
    """A municipality's layer properties; ``url`` (its page) only inside a request."""
    values = {name: getattr(party, name) for name in PROPERTIES if name != "zmo"}
    values.update(id=party.id, zmo=party.is_zmo)
    if has_request_context():
        values["url"] = url_for("parties.detail", party_id=party.id)
    return values


def _point(party: Party) -> str | None:
    if party.latitude is None or party.longitude is None:
        return None
    return json.dumps(
        {"type": "Point", "coordinates": [party.longitude, party.latitude]}, **COMPACT
    )


def feature_collection(features: Iterable[str]) -> bytes:
    """A GeoJSON FeatureCollection (EPSG:4326) of feature texts, compact, as UTF-8 bytes."""
    return ('{"type":"FeatureCollection","features":[' + ",".join(features) + "]}").encode()


def municipalities_frame(cvegeos: Iterable[str] | None = None):
    """A GeoDataFrame (EPSG:4326) of municipalities indexed by CVEGEO: polygon where imported,
    point otherwise, with the layer properties as columns. The full frame is cached per version;
    ``cvegeos`` picks rows from it (unknown codes are ignored)."""
    _version, frame = cached("municipalities_frame", _build_frame)
    if cvegeos is None:
        return frame.copy()
    return frame[frame.index.isin(list(cvegeos))].copy()


def _build_frame():
    import geopandas

    collection = json.loads(feature_collection(municipality_features()))
    frame = geopandas.GeoDataFrame.from_features(collection["features"], crs="EPSG:4326")
    if frame.empty:
        return geopandas.GeoDataFrame(
            columns=[*PROPERTIES, "id", "geometry"], geometry="geometry", crs="EPSG:4326"
        ).set_index("cvegeo")
    return frame.set_index("cvegeo")
