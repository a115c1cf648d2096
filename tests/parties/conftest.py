"""Small synthetic INEGI-like layers, written by the tests themselves in every format the import
reads, so the import's code paths are covered without the INEGI extract."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.extensions import db
from registry.parties.models import Party, PartyBoundary

#: (CVEGEO, NOMGEO, POB2020) of the synthetic cells, west to east, south to north. 20390 and
#: 02001 exist as reference municipalities; the others are new. 21001 is in Puebla.
CELLS = [
    ("20390", "Santa Lucía del Camino", 50362),
    ("20901", "Municipio de Prueba Uno", 1200),
    ("20902", "Municipio de Prueba Dos", 3400),
    ("20903", "Municipio de Prueba Tres", 560),
    ("21001", "Municipio de Prueba de Puebla", 7800),
    ("02001", "Ensenada", 443807),
]
#: South-west corner of the grid: near Oaxaca de Juárez (lon, lat).
ORIGIN = (-96.80, 17.00)
CELL_M = 3000.0


def wiggly_line(start, end, seed: int):
    """A jagged line (vertex every 25 m, ±15 m off the straight) that splits cells: neighbours
    share every vertex, as in INEGI's coverage, and the simplifier has work to do."""
    import numpy
    import shapely

    rng = numpy.random.default_rng(seed)
    steps = numpy.linspace(0, 1, int(shapely.LineString([start, end]).length / 25) + 1)
    (x0, y0), (x1, y1) = start, end
    xs, ys = x0 + (x1 - x0) * steps, y0 + (y1 - y0) * steps
    offsets = rng.uniform(-15, 15, len(steps))
    offsets[[0, -1]] = 0
    if x0 == x1:
        xs = xs + offsets
    else:
        ys = ys + offsets
    return shapely.LineString(numpy.column_stack([xs, ys]))


def synthetic_frame():
    """A 3 × 2 grid of municipalities with jagged shared borders, in EPSG:6372."""
    import geopandas
    import pyproj
    import shapely
    from shapely.ops import split

    x, y = pyproj.Transformer.from_crs(4326, 6372, always_xy=True).transform(*ORIGIN)
    area = shapely.box(x, y, x + 3 * CELL_M, y + 2 * CELL_M)
    cuts = [
        wiggly_line((x + CELL_M, y - 1), (x + CELL_M, y + 2 * CELL_M + 1), seed=1),
        wiggly_line((x + 2 * CELL_M, y - 1), (x + 2 * CELL_M, y + 2 * CELL_M + 1), seed=2),
        wiggly_line((x - 1, y + CELL_M), (x + 3 * CELL_M + 1, y + CELL_M), seed=3),
    ]
    pieces = [area]
    for cut in cuts:
        pieces = [part for piece in pieces for part in split(piece, cut).geoms]
    pieces.sort(key=lambda piece: ((piece.centroid.y - y) // CELL_M, piece.centroid.x))
    return geopandas.GeoDataFrame(
        {
            "CVEGEO": [code for code, _name, _pop in CELLS],
            "CVE_ENT": [code[:2] for code, _name, _pop in CELLS],
            "CVE_MUN": [code[2:] for code, _name, _pop in CELLS],
            "NOMGEO": [name for _code, name, _pop in CELLS],
            "POB2020": [population for _code, _name, population in CELLS],
        },
        geometry=pieces,
        crs="EPSG:6372",
    )


def write_zip(frame, directory: Path, *, prj: bool = True, extra_layer: bool = True) -> Path:
    """A zipped shapefile as INEGI ships it: under conjunto_de_datos/, beside other layers."""
    folder = directory / "conjunto_de_datos"
    folder.mkdir(parents=True, exist_ok=True)
    frame.to_file(folder / "99mun.shp", engine="pyogrio")
    if extra_layer:
        frame.dissolve().to_file(folder / "99ent.shp", engine="pyogrio")
    path = directory / "99_municipios.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(folder.iterdir()):
            if prj or file.suffix != ".prj":
                archive.write(file, f"conjunto_de_datos/{file.name}")
    return path


@pytest.fixture
def layer_file(tmp_path):
    """``layer_file(fmt, frame=None)``: the synthetic layer written as geojson/zip/shp/gpkg."""

    def write(fmt: str, frame=None) -> Path:
        frame = synthetic_frame() if frame is None else frame
        if fmt == "geojson":
            path = tmp_path / "municipios.geojson"
            frame.to_crs(4326).to_file(path, driver="GeoJSON", engine="pyogrio")
        elif fmt == "zip":
            path = write_zip(frame, tmp_path / "zip")
        elif fmt == "shp":
            path = tmp_path / "municipios.shp"
            frame.to_file(path, engine="pyogrio")
        else:
            path = tmp_path / "marco.gpkg"
            frame.representative_point().to_frame("geometry").to_file(
                path, layer="localidades", engine="pyogrio"
            )
            frame.to_file(path, layer="municipios", engine="pyogrio")
        return path

    return write


def database_state() -> dict:
    """Every row the import may touch, to assert that a failed import changed nothing."""
    return {
        "parties": db.session.execute(sa.select(Party.__table__).order_by(Party.id)).all(),
        "boundaries": db.session.execute(sa.select(PartyBoundary.__table__)).all(),
        "events": db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)),
    }
