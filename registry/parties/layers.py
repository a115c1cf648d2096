"""Municipal map layers: the imported INEGI polygons joined with the municipalities as they are.

The one value the app keeps between requests is here: the polygons an INEGI import stored
(``PartyBoundary``, already simplified for the web), read once per worker and kept under the
token that import wrote (``BoundaryLayer``; see ``boundaries.renew_layer_token``). Every use reads
the token first (one row by its key), so an import made through any worker or host is seen by the
next request everywhere. Nothing else a layer shows is kept: names, population, ZMO membership
and points come from the ``parties`` rows on every request. Without a token (polygons written
before any import recorded one) the polygons are read on every use.

The map reuses ``polygons``, ``municipality_features`` / ``feature_collection`` and
``municipalities_frame`` (a GeoDataFrame by CVEGEO, for the PNG).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from flask import current_app, has_request_context, url_for
from sqlalchemy import ColumnElement, or_, select

from registry.extensions import db
from registry.parties.models import LAYER_ROW, BoundaryLayer, Party, PartyBoundary, PartyKind

#: The properties every municipality feature carries (besides ``id`` and, in a request, ``url``).
PROPERTIES = ("cvegeo", "name", "state", "zmo", "zmo_2015", "zmo_2020", "is_self", "population")
#: Where a worker keeps (token, Polygons) among the app's extensions.
_KEPT = "registry.boundary_polygons"


def compact_json(value: object) -> str:
    """``value`` as JSON without spaces, accented letters as they are."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False)


class Polygons:
    """The imported polygons by party id: their GeoJSON text as stored, and (parsed on first
    use) their shapely geometry."""

    def __init__(self, texts: dict[int, str]):
        self.texts = texts
        self._shapes: dict[int, Any] = {}

    def shape(self, party_id: int):
        """The shapely geometry of a party's polygon (None without one)."""
        text = self.texts.get(party_id)
        if text is None:
            return None
        shape = self._shapes.get(party_id)
        if shape is None:
            import shapely

            shape = self._shapes[party_id] = shapely.from_geojson(text)
        return shape


def polygons() -> Polygons:
    """The imported polygons, read again only when an import has written a new token."""
    token = db.session.scalar(select(BoundaryLayer.token).where(BoundaryLayer.id == LAYER_ROW))
    kept = current_app.extensions.get(_KEPT)
    if token is not None and kept is not None and kept[0] == token:
        return kept[1]
    # Read after the token: what is kept under a token is never older than the import it names.
    rows = db.session.execute(select(PartyBoundary.party_id, PartyBoundary.geojson))
    read = Polygons({party_id: text for party_id, text in rows})
    if token is not None:
        current_app.extensions[_KEPT] = (token, read)
    return read


def zmo_condition() -> ColumnElement[bool]:
    """Members of the ZMO under either delimitation (the ``zmo`` property says which applies)."""
    return or_(Party.zmo_2015.is_(True), Party.zmo_2020.is_(True))


def zmo_layer() -> bytes:
    """The ZMO layer as GeoJSON bytes (polygons where imported, points otherwise)."""
    return feature_collection(municipality_features(zmo_condition()))


def municipalities(*conditions: ColumnElement[bool]) -> list[Party]:
    """Municipalities matching ``conditions``, ordered by CVEGEO."""
    query = select(Party).where(Party.kind == PartyKind.MUNICIPIO, *conditions)
    return list(db.session.scalars(query.order_by(Party.cvegeo)))


def municipality_features(*conditions: ColumnElement[bool]) -> list[str]:
    """Municipalities matching ``conditions`` as GeoJSON Feature texts, ordered by CVEGEO.

    The stored polygon text is spliced in as it is (it is already GeoJSON), never re-parsed; a
    municipality without an imported polygon is its representative point, and one with neither
    is left out.
    """
    shapes = polygons()
    features = []
    for party in municipalities(*conditions):
        geometry = shapes.texts.get(party.id) or point_geometry(party)
        if geometry is not None:
            properties = compact_json(feature_properties(party))
            features.append(f'{{"type":"Feature","properties":{properties},"geometry":{geometry}}}')
    return features


def feature_properties(party: Party) -> dict[str, Any]:
    """A municipality's layer properties; ``url`` (its page) only inside a request."""
    values = {name: getattr(party, name) for name in PROPERTIES if name != "zmo"}
    values.update(id=party.id, zmo=party.is_zmo)
    if has_request_context():
        values["url"] = url_for("parties.detail", party_id=party.id)
    return values


def point_geometry(party: Party) -> str | None:
    """A party's representative point as GeoJSON text; None without one."""
    if party.latitude is None or party.longitude is None:
        return None
    return compact_json({"type": "Point", "coordinates": [party.longitude, party.latitude]})


def feature_collection(features: Iterable[str]) -> bytes:
    """A GeoJSON FeatureCollection (EPSG:4326) of feature texts, compact, as UTF-8 bytes."""
    return ('{"type":"FeatureCollection","features":[' + ",".join(features) + "]}").encode()


def municipalities_frame(cvegeos: Iterable[str | None] | None = None):
    """A GeoDataFrame (EPSG:4326) of municipalities indexed by CVEGEO: polygon where imported,
    point otherwise, with the layer properties as columns; ``cvegeos`` picks some (unknown codes
    are ignored)."""
    import geopandas
    import shapely

    conditions = [] if cvegeos is None else [Party.cvegeo.in_(list(cvegeos))]
    shapes = polygons()
    rows, geometries = [], []
    for party in municipalities(*conditions):
        shape = shapes.shape(party.id)
        if shape is None and party.latitude is not None and party.longitude is not None:
            shape = shapely.Point(party.longitude, party.latitude)
        if shape is not None:
            rows.append(feature_properties(party))
            geometries.append(shape)
    if not rows:
        return geopandas.GeoDataFrame(
            columns=[*PROPERTIES, "id", "geometry"], geometry="geometry", crs="EPSG:4326"
        ).set_index("cvegeo")
    frame = geopandas.GeoDataFrame(rows, geometry=geometries, crs="EPSG:4326")
    return frame.set_index("cvegeo")
