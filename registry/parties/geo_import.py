"""Preparing INEGI municipal boundaries for the web: checked, repaired, simplified as a coverage.

``prepare_layer`` reads and checks everything before the database is touched (see
``boundaries.save_municipalities`` for the write). The polygons are simplified together as one
coverage (``shapely.coverage_simplify``, in INEGI's metric CRS), so neighbours keep sharing their
borders exactly: no gaps, no overlaps. geopandas/shapely are imported inside the functions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _

from registry.errors import DomainError
from registry.parties.geo_read import (
    key_columns,
    municipality_rows,
    normalize_state,
    one_line,
    read_layer,
    shown,
)

#: Mexico ITRF2008 / LCC: INEGI's own metric CRS, where areas and tolerances are in metres.
METRIC_CRS = "EPSG:6372"
WEB_CRS = "EPSG:4326"
#: ``coverage_simplify`` tolerance in metres (≈ √ of the area of the triangles removed). With 8,
#: Oaxaca's 570 boundaries stay within ~16 m of INEGI's and the ZMO layer is ~100 KB; see
#: tests/benchmarks/test_geo_import.py.
SIMPLIFY_TOLERANCE_M = 8.0
#: Decimals kept in served polygons (≈ 0.1 m) and in representative points (≈ 1 m).
POLYGON_DECIMALS = 6
POINT_DECIMALS = 5
#: Where a municipality of Mexico can be (lon/lat, with a margin): catches a wrongly declared CRS.
MEXICO_BOUNDS = (-120.0, 13.5, -85.0, 34.0)


@dataclass(frozen=True)
class Municipality:
    """One municipality of the layer, ready to be saved."""

    cvegeo: str
    name: str
    population: int | None
    #: Simplified Polygon/MultiPolygon as GeoJSON text (EPSG:4326).
    geojson: str
    #: Representative point inside the polygon (EPSG:4326).
    latitude: float
    longitude: float
    #: Area of INEGI's polygon (before simplification), km².
    area_km2: float


@dataclass(frozen=True)
class PreparedLayer:
    file_name: str
    crs: str
    municipalities: list[Municipality]
    #: CVEGEO of the polygons that were invalid in the file and were repaired.
    repaired: list[str]
    #: True when overlaps or unmatched shared edges had to be cleaned before simplifying.
    cleaned: bool


def prepare_layer(
    path: str | Path,
    *,
    state: str | None = None,
    crs: str | None = None,
    tolerance: float = SIMPLIFY_TOLERANCE_M,
) -> PreparedLayer:
    """Read, check, reproject, repair and simplify a municipal layer; raise DomainError if bad."""
    state = normalize_state(state)
    frame = read_layer(path, crs)
    layer_crs = frame.crs
    assert layer_crs is not None, "read_layer gives every layer its CRS"
    rows = municipality_rows(frame, key_columns(frame.columns), state)
    frame = frame.iloc[[row["position"] for row in rows]]
    codes = [row["cvegeo"] for row in rows]
    original = _web_original(frame, codes)
    metric, repaired = _metric_polygons(frame, codes)
    metric, cleaned = _clean_coverage(metric, codes)
    web = _web_polygons(_simplify(metric, tolerance), codes)
    points = _representative_points(original, web)
    return PreparedLayer(
        file_name=Path(path).name,
        crs=layer_crs.to_string(),
        municipalities=_municipalities(rows, web, points, metric),
        repaired=[code for code, fixed in zip(codes, repaired, strict=True) if fixed],
        cleaned=cleaned,
    )


def _web_original(frame, codes: list[str]):
    """INEGI's polygons, checked, in EPSG:4326 (as an array of shapely geometries)."""
    import numpy
    import shapely

    geometries = frame.geometry.values
    missing = shapely.is_missing(geometries) | shapely.is_empty(geometries)
    _refuse(missing, codes, _("Municipios sin geometría: %(codes)s."))
    polygonal = shapely.get_type_id(geometries) == 3  # Polygon
    polygonal |= shapely.get_type_id(geometries) == 6  # MultiPolygon
    _refuse(~polygonal, codes, _("No son polígonos: %(codes)s."))
    try:
        original = numpy.asarray(frame.geometry.to_crs(WEB_CRS).values)
    except Exception as error:
        raise DomainError(
            _("No se pudo reproyectar la capa: %(reason)s", reason=one_line(error))
        ) from None
    _refuse_outside_mexico(original, codes, frame.crs.to_string())
    return original


def _metric_polygons(frame, codes: list[str]):
    """The geometries in METRIC_CRS, invalid ones repaired; and which were repaired."""
    import numpy

    try:
        metric = numpy.asarray(frame.geometry.to_crs(METRIC_CRS).values)
    except Exception as error:
        raise DomainError(
            _("No se pudo reproyectar la capa: %(reason)s", reason=one_line(error))
        ) from None
    return _repaired(metric)


def _refuse_outside_mexico(original, codes: list[str], crs: str) -> None:
    """Coordinates that land outside Mexico mean the layer's CRS is declared wrongly."""
    import shapely

    bounds = shapely.bounds(original)
    west, south, east, north = MEXICO_BOUNDS
    inside = (bounds[:, 0] >= west) & (bounds[:, 1] >= south)
    inside &= (bounds[:, 2] <= east) & (bounds[:, 3] <= north)
    if not inside.all():
        raise DomainError(
            _(
                "Las coordenadas de %(codes)s no caen en México al leerlas como %(crs)s: revise el "
                "sistema de coordenadas de la capa.",
                codes=shown([c for c, ok in zip(codes, inside, strict=True) if not ok]),
                crs=crs,
            )
        )


def _refuse(mask, codes: list[str], message: str) -> None:
    offenders = [code for code, flagged in zip(codes, mask, strict=True) if flagged]
    if offenders:
        raise DomainError(message % {"codes": shown(offenders)})


def _repaired(geometries):
    """Invalid geometries made valid (their polygonal part); and the mask of the repaired ones."""
    import shapely

    invalid = ~shapely.is_valid(geometries)
    geometries = geometries.copy()
    for index in invalid.nonzero()[0]:
        geometries[index] = polygonal_part(shapely.make_valid(geometries[index]))
    return geometries, invalid


def polygonal_part(geometry):
    """The polygons of a geometry (a repair may leave stray lines or points) as one geometry."""
    import shapely

    parts = [
        part
        for part in shapely.get_parts(geometry)
        if part.geom_type in ("Polygon", "MultiPolygon") and not part.is_empty
    ]
    return shapely.union_all(parts) if parts else shapely.Polygon()


def _clean_coverage(metric, codes: list[str]):
    """The polygons as a valid coverage (no overlaps, shared edges identical); and if it changed."""
    import shapely

    if shapely.coverage_is_valid(metric):
        return metric, False
    # types-shapely 2.1 predates coverage_clean (Shapely 2.2), though Shapely exports it.
    cleaned = shapely.coverage_clean(metric)  # type: ignore[attr-defined]
    lost = shapely.is_empty(cleaned) | (shapely.area(cleaned) < 0.5 * shapely.area(metric))
    _refuse(lost, codes, _("Polígonos que se traslapan casi por completo con otros: %(codes)s."))
    return cleaned, True


def _simplify(metric, tolerance: float):
    import shapely

    return shapely.coverage_simplify(metric, tolerance)


def _web_polygons(simplified, codes: list[str]):
    """Simplified polygons in EPSG:4326: rounded, valid, canonical, exterior rings
    counter-clockwise (RFC 7946)."""
    import geopandas
    import numpy
    import shapely

    projected = geopandas.GeoSeries(simplified, crs=METRIC_CRS).to_crs(WEB_CRS).values
    web = shapely.set_precision(numpy.asarray(projected), 10**-POLYGON_DECIMALS)
    web = shapely.transform(web, lambda xy: numpy.round(xy, POLYGON_DECIMALS))
    web, _mask = _repaired(web)
    _refuse(
        shapely.is_empty(web), codes, _("Polígonos demasiado pequeños para el mapa: %(codes)s.")
    )
    return shapely.orient_polygons(_canonical(web))


def _canonical(geometries):
    """One form per shape whatever the file's: a one-part MultiPolygon becomes a Polygon, and
    rings start at the same vertex (so re-importing the same data in another format is a no-op)."""
    import shapely

    single = (shapely.get_type_id(geometries) == 6) & (shapely.get_num_geometries(geometries) == 1)
    geometries = geometries.copy()
    geometries[single] = shapely.get_geometry(geometries[single], 0)
    return shapely.normalize(geometries)


def _representative_points(original, web) -> list[tuple[float, float]]:
    """(lat, lon) of INEGI's polygon's representative point, as geo/ keeps them; inside ``web``."""
    original, _mask = _repaired(original)
    points = []
    for source, served in zip(original, web, strict=True):
        point = _rounded_point(source.representative_point())
        if not served.contains(point):
            point = _rounded_point(served.representative_point())
        if not served.contains(point):
            point = served.representative_point()
        points.append((point.y, point.x))
    return points


def _rounded_point(point):
    import shapely

    return shapely.Point(round(point.x, POINT_DECIMALS), round(point.y, POINT_DECIMALS))


def _municipalities(rows: list[dict], web, points, metric) -> list[Municipality]:
    import shapely

    texts = shapely.to_geojson(web)
    areas = shapely.area(metric) / 1e6
    return [
        Municipality(
            cvegeo=row["cvegeo"],
            name=row["name"],
            population=row["population"],
            geojson=str(text),
            latitude=float(lat),
            longitude=float(lon),
            area_km2=round(float(area), 3),
        )
        for row, text, (lat, lon), area in zip(rows, texts, points, areas, strict=True)
    ]
