"""The map's geography: the ZMO municipalities' shapes and points, cached per worker.

Built once per *geography version* from ``parties.layers`` (polygons stored simplified at the
INEGI import, the representative point where none was imported); pages, the PNG and the
GeoJSON only read it, so no request re-reads or re-simplifies geometry.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from sqlalchemy import select

from registry.extensions import db
from registry.parties import layers
from registry.parties.models import Party

COMPACT = {"separators": (",", ":"), "ensure_ascii": False}

#: ((south, west), (north, east)) in degrees.
Bounds = tuple[tuple[float, float], tuple[float, float]]


@dataclass(frozen=True)
class Shape:
    """A ZMO municipality as drawn: its geometry as GeoJSON text and its representative point."""

    party_id: int
    cvegeo: str
    name: str
    state: str | None
    is_self: bool
    #: GeoJSON geometry (EPSG:4326): the imported polygon, or a Point without one.
    geometry: str
    #: (latitude, longitude): where its name, its line end and its meetings circle go.
    point: tuple[float, float]

    @property
    def is_area(self) -> bool:
        return not self.geometry.startswith('{"type":"Point"')


@dataclass(frozen=True)
class Geography:
    #: The ZMO's municipalities (configured delimitation), by name.
    zmo: tuple[Shape, ...]
    #: What they cover; None without any.
    bounds: Bounds | None

    @cached_property
    def by_party(self) -> dict[int, Shape]:
        return {shape.party_id: shape for shape in self.zmo}

    @cached_property
    def us(self) -> Shape | None:
        """Oaxaca de Juárez, where the lines to the partners start."""
        return next((shape for shape in self.zmo if shape.is_self), None)


def map_geography() -> tuple[str, Geography]:
    """(geography version, the ZMO's shapes), rebuilt only when that version changes (one cheap
    query)."""
    return layers.cached("map_zmo", _build)


def _build() -> Geography:
    import shapely

    points = {
        row.id: (row.latitude, row.longitude)
        for row in db.session.execute(
            select(Party.id, Party.latitude, Party.longitude).where(Party.zmo_column().is_(True))
        )
    }
    shapes, geometries = [], []
    for text in layers.municipality_features(Party.zmo_column().is_(True)):
        feature = json.loads(text)
        properties, geometry = (
            feature["properties"],
            shapely.from_geojson(json.dumps(feature["geometry"])),
        )
        point = points.get(properties["id"])
        if point is None or None in point:
            inside = geometry.representative_point()
            point = (inside.y, inside.x)
        shapes.append(
            Shape(
                party_id=properties["id"],
                cvegeo=properties["cvegeo"],
                name=properties["name"],
                state=properties["state"],
                is_self=bool(properties["is_self"]),
                geometry=json.dumps(feature["geometry"], **COMPACT),
                point=point,
            )
        )
        geometries.append(geometry)
    shapes.sort(key=lambda shape: (shape.name, shape.cvegeo))
    return Geography(zmo=tuple(shapes), bounds=bounds_of(geometries))


def bounds_of(geometries) -> Bounds | None:
    """The bounding box of shapely geometries, as Leaflet wants it."""
    import shapely

    if not geometries:
        return None
    west, south, east, north = shapely.total_bounds(geometries)
    return (float(south), float(west)), (float(north), float(east))
