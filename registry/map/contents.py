"""What one map shows: the cached geography joined with the relationships under the filters.

``build_view`` is all the per-request work (two statements in ``queries``); the page,
the PNG and the GeoJSON are drawn from the :class:`MapView` it returns.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cached_property

from flask_babel import gettext as _

from registry.codes import CodeEnum, labelled
from registry.filters import fecha, trimestre
from registry.i18n import lazy_gettext as _l
from registry.map import style
from registry.map.geography import Bounds, map_geography
from registry.map.queries import MapFilters, Relationship, advance_rank, relationships
from registry.parties.models import PartyKind


class Scope(CodeEnum):
    """Where the map opens: the metropolitan area, or the whole country with the partners."""

    ZMO = "zmo"
    NATIONAL = "nacional"


SCOPE_LABELS = labelled(
    Scope, {Scope.ZMO: _l("Zona Metropolitana"), Scope.NATIONAL: _l("Nacional")}
)


@dataclass(frozen=True)
class Place:
    """Something the map draws: a ZMO municipality (its shape) or a partner outside the ZMO
    (its point), with its relationship under the filters."""

    relation: Relationship
    #: GeoJSON geometry text (EPSG:4326).
    geometry: str
    #: (latitude, longitude) of its name, line end and meetings circle.
    point: tuple[float, float]
    in_zmo: bool = True
    is_us: bool = False

    @property
    def name(self) -> str:
        return self.relation.name

    @property
    def is_area(self) -> bool:
        return not self.geometry.startswith('{"type":"Point"')


@dataclass
class MapView:
    filters: MapFilters
    measure: style.Measure
    scope: Scope
    #: Every ZMO municipality, "us" included, by name.
    municipalities: list[Place]
    #: Partners outside the ZMO with an agreement or a meeting, most advanced first.
    partners: list[Place]
    zmo_bounds: Bounds | None
    #: Distinct agreements and meetings shown (one with two parties counts once).
    agreement_count: int = 0
    meeting_count: int = 0

    @property
    def places(self) -> list[Place]:
        return [*self.municipalities, *self.partners]

    @cached_property
    def us(self) -> Place | None:
        return next((place for place in self.municipalities if place.is_us), None)

    def fill_color(self, place: Place) -> str:
        """The colour of a place under the chosen measure."""
        if place.is_us:
            return style.US_COLOR
        if self.measure == style.Measure.ACTIVITY:
            return style.activity_color(place.relation.activity)
        return style.status_color(place.relation.status)

    @property
    def bounds(self) -> Bounds | None:
        """What the map opens on: the ZMO, or the ZMO and every partner (national view)."""
        if self.scope == Scope.ZMO or not self.partners:
            return self.zmo_bounds
        lats = [place.point[0] for place in self.partners]
        lons = [place.point[1] for place in self.partners]
        if self.zmo_bounds:
            (south, west), (north, east) = self.zmo_bounds
            lats += [south, north]
            lons += [west, east]
        return (min(lats), min(lons)), (max(lats), max(lons))

    def explanation(self) -> str:
        """One line on what the colours mean for these filters (see ``queries``)."""
        period = self.filters.period
        year, quarter = self.filters.year, self.filters.quarter
        if period is None or year is None:  # (a period always has its year)
            return _(
                "Estatus actual de cada instrumento registrado y todas las reuniones. Cada "
                "contraparte toma el estatus más avanzado de sus instrumentos."
            )
        return _(
            "Instrumentos en curso durante %(period)s, con su estatus al %(end)s, y reuniones "
            "cuya primera fecha cae en ese periodo. Cada contraparte toma el estatus más "
            "avanzado de sus instrumentos.",
            period=_("el %(quarter)s", quarter=trimestre(quarter, year)) if quarter else str(year),
            end=fecha(period[1]),
        )

    @cached_property
    def related(self) -> list[Place]:
        """Places with an agreement or a meeting under the filters ("us" never is)."""
        return [place for place in self.places if place.relation.activity]


def build_view(filters: MapFilters, measure: style.Measure, scope: Scope) -> MapView:
    """The map under ``filters``: cached shapes of the ZMO plus this request's relationships."""
    geography = map_geography()
    data = relationships(filters)
    found = dict(data.by_party)
    municipalities = [
        Place(
            relation=_taken(found, shape),
            geometry=shape.geometry,
            point=shape.point,
            is_us=shape.is_self,
        )
        for shape in geography.zmo
    ]
    partners = [place for relation in found.values() if (place := _partner(relation)) is not None]
    partners.sort(key=_partner_order)
    return MapView(
        filters,
        measure,
        scope,
        municipalities,
        partners,
        geography.bounds,
        data.agreement_total,
        data.meeting_total,
    )


def _taken(found: dict[int, Relationship], shape) -> Relationship:
    """The municipality's relationship under the filters, taken out of ``found``; or none."""
    relation = found.pop(shape.party_id, None)
    return relation if relation is not None else _nothing(shape)


def _nothing(shape) -> Relationship:
    """A ZMO municipality with no agreement or meeting under the filters."""
    return Relationship(
        party_id=shape.party_id,
        name=shape.name,
        kind=PartyKind.MUNICIPIO,
        cvegeo=shape.cvegeo,
        state=shape.state,
        country="México",
        is_zmo=True,
    )


def _partner(relation: Relationship) -> Place | None:
    """A partner outside the ZMO as a point on the map; None when it has no point."""
    if relation.latitude is None or relation.longitude is None:
        return None
    geometry = {"type": "Point", "coordinates": [relation.longitude, relation.latitude]}
    return Place(
        relation=relation,
        geometry=json.dumps(geometry, separators=(",", ":")),
        point=(relation.latitude, relation.longitude),
        in_zmo=False,
    )


def _partner_order(place: Place):
    return advance_rank(place.relation.status), place.name
