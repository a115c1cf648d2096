"""INEGI boundary import: its time, and the size and accuracy of the ZMO layer it serves.

Figures are printed, never asserted as times; run with ``make bench`` (``--benchmark-only``). The
normal suite skips this (``--benchmark-skip`` in pyproject's addopts).
"""

from __future__ import annotations

import json

from registry.extensions import db
from registry.parties.boundaries import import_boundaries
from registry.parties.geo_import import SIMPLIFY_TOLERANCE_M

LAYER_URL = "/contrapartes/capas/zmo.geojson"
#: The issue's targets for the ZMO layer served to the browser.
MAX_BYTES, MAX_METRES = 150_000, 30.0
SWEEP = (2.0, 4.0, SIMPLIFY_TOLERANCE_M, 16.0, 32.0)


def zmo_layer_figures(client, original) -> tuple[int, float]:
    """(bytes served, max Hausdorff distance in metres, EPSG:6372) of the ZMO layer."""
    import geopandas
    import shapely

    body = client.get(LAYER_URL).data
    layer = geopandas.GeoDataFrame.from_features(json.loads(body)["features"], crs=4326)
    served = layer.set_index("cvegeo").to_crs(6372).geometry
    distances = shapely.hausdorff_distance(served.values, original[served.index].values)
    return len(body), float(distances.max())


def test_import_oaxaca_and_measure_the_zmo_layer(
    benchmark, whole_inegi_layer, reader_client, capsys
):
    import geopandas

    path = whole_inegi_layer / "inegi" / "20mun.zip"
    original = geopandas.read_file(f"zip://{path}").set_index("CVEGEO").geometry

    def import_and_roll_back():
        result = import_boundaries(path)
        db.session.rollback()
        return result

    result = benchmark.pedantic(import_and_roll_back, rounds=3, iterations=1)
    assert result.total == 570
    lines = [f"Import of {path.name} ({result.total} municipalities, read → upsert flushed):"]
    lines.append(f"  median {benchmark.stats.stats.median:.2f} s over 3 rounds")
    lines.append("ZMO layer served (26 municipalities) by coverage_simplify tolerance:")
    figures = {}
    for tolerance in SWEEP:
        import_boundaries(path, tolerance=tolerance)
        db.session.commit()
        figures[tolerance] = zmo_layer_figures(reader_client, original)
        size, metres = figures[tolerance]
        default = "  (default)" if tolerance == SIMPLIFY_TOLERANCE_M else ""
        lines.append(
            f"  {tolerance:5.1f} m: {size:8,d} bytes, max Hausdorff {metres:5.1f} m{default}"
        )
    benchmark.extra_info.update(
        {
            "layer_bytes": figures[SIMPLIFY_TOLERANCE_M][0],
            "hausdorff_m": figures[SIMPLIFY_TOLERANCE_M][1],
        }
    )
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    size, metres = figures[SIMPLIFY_TOLERANCE_M]
    assert size <= MAX_BYTES and metres <= MAX_METRES
