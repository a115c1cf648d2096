"""The map's geography: the ZMO municipalities' shapes and points.

Read on every request from the municipalities as they are and the imported polygons
(``parties.layers.polygons``, stored simplified at the INEGI import and kept per worker until
the next import), so no request re-reads or re-simplifies geometry.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from registry.parties import layers
from registry.parties.models import Party

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


def map_geography() -> Geography:
    """The ZMO's municipalities (configured delimitation) with their polygons or points."""
    polygons = layers.polygons()
    shapes: list[Shape] = []
    boxes: list[tuple[float, float, float, float]] = []
    for party in layers.municipalities(Party.zmo_column().is_(True)):
        polygon = polygons.shape(party.id)
        geometry = polygons.texts.get(party.id) or layers.point_geometry(party)
        if geometry is None:
            continue
        if party.latitude is not None and party.longitude is not None:
            point = (party.latitude, party.longitude)
        else:
            inside = polygon.representative_point()
            point = (inside.y, inside.x)
        boxes.append(polygon.bounds if polygon is not None else (point[1], point[0]) * 2)
        shapes.append(
            Shape(
                party_id=party.id,
                cvegeo=party.cvegeo or "",
                name=party.name,
                state=party.state,
                is_self=party.is_self,
                geometry=geometry,
                point=point,
            )
        )
    shapes.sort(key=lambda shape: (shape.name, shape.cvegeo))
    return Geography(zmo=tuple(shapes), bounds=bounds_of(boxes))


def bounds_of(boxes: list[tuple[float, float, float, float]]) -> Bounds | None:
    """The box around (west, south, east, north) boxes, as Leaflet wants it."""
    if not boxes:
        return None
    west = min(box[0] for box in boxes)
    south = min(box[1] for box in boxes)
    east = max(box[2] for box in boxes)
    north = max(box[3] for box in boxes)
    return (float(south), float(west)), (float(north), float(east))
