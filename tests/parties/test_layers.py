"""The ZMO layer endpoint, and the imported polygons each worker keeps until the next import."""

from __future__ import annotations

import json

from registry.extensions import db
from registry.parties import layers
from registry.parties.models import Party
from tests.parties.conftest import synthetic_frame

URL = "/contrapartes/capas/zmo.geojson"


def features(response) -> dict[str, dict]:
    assert response.status_code == 200
    assert response.content_type == "application/geo+json"
    collection = json.loads(response.data)
    assert collection["type"] == "FeatureCollection"
    return {feature["properties"]["cvegeo"]: feature for feature in collection["features"]}


def get_counting_polygon_reads(client, count_queries, url: str = URL):
    """The response, and how many statements read the imported polygons to answer it."""
    with count_queries() as counter:
        response = client.get(url)
    return response, sum("party_boundaries" in statement for statement in counter.statements)


def test_before_any_import_the_layer_has_the_zmo_points(reader_client):
    served = features(reader_client.get(URL))
    assert len(served) == 26
    slc = served["20390"]
    assert slc["geometry"] == {"type": "Point", "coordinates": [-96.67344, 17.06772]}
    assert slc["properties"] | {"id": 0} == {
        "cvegeo": "20390",
        "name": "Santa Lucía del Camino",
        "state": "Oaxaca",
        "zmo": True,
        "zmo_2015": True,
        "zmo_2020": True,
        "is_self": False,
        "population": None,
        "id": 0,
        "url": f"/contrapartes/{slc['properties']['id']}",
    }
    assert served["20067"]["properties"]["is_self"] is True
    assert "02001" not in served  # Ensenada: a partner, not the ZMO


def test_imported_polygons_replace_points_and_are_read_once_per_import(
    reader_client, runner, layer_file, count_queries
):
    first = reader_client.get(URL)
    result = runner.invoke(args=["geo", "import", str(layer_file("geojson"))])
    assert result.exit_code == 0, result.output
    response, reads = get_counting_polygon_reads(reader_client, count_queries)
    served = features(response)
    assert reads == 1
    assert served["20390"]["geometry"]["type"] == "Polygon"
    assert served["20385"]["geometry"]["type"] == "Point"  # Xoxocotlán: not in the file
    assert "20901" not in served  # imported, but not a ZMO member
    assert response.headers["ETag"] != first.headers["ETag"]
    # kept by the worker under the import's token until another import changes a polygon
    assert get_counting_polygon_reads(reader_client, count_queries)[1] == 0
    again = runner.invoke(args=["geo", "import", str(layer_file("zip"))])
    assert "0 agregados, 0 actualizados, 6 sin cambios" in again.output
    assert get_counting_polygon_reads(reader_client, count_queries)[1] == 0
    moved = synthetic_frame()
    moved.geometry = moved.geometry.translate(400, 0)  # every polygon 400 m east
    result = runner.invoke(args=["geo", "import", str(layer_file("shp", moved))])
    assert "0 agregados, 6 actualizados" in result.output, result.output
    response, reads = get_counting_polygon_reads(reader_client, count_queries)
    assert reads == 1
    moved_coordinates = features(response)["20390"]["geometry"]["coordinates"]
    assert moved_coordinates != served["20390"]["geometry"]["coordinates"]


def test_unchanged_layer_answers_304(reader_client):
    etag = reader_client.get(URL).headers["ETag"]
    again = reader_client.get(URL, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.data == b""
    assert "no-cache" in again.headers["Cache-Control"]


def test_the_delimitation_setting_changes_the_zmo_flag(app, reader_client):
    app.config["ZMO_DELIMITATION"] = "2015"
    served = features(reader_client.get(URL))
    assert served["20023"]["properties"]["zmo"] is False  # Cuilápam de Guerrero: 2020 only
    app.config["ZMO_DELIMITATION"] = "2020"
    assert features(reader_client.get(URL))["20023"]["properties"]["zmo"] is True


def test_a_changed_municipality_shows_at_once_over_kept_polygons(reader_client, runner, layer_file):
    assert runner.invoke(args=["geo", "import", str(layer_file("geojson"))]).exit_code == 0
    before = reader_client.get(URL).headers["ETag"]
    party = db.session.scalar(db.select(Party).where(Party.cvegeo == "20390"))
    party.name = "Santa Lucía del Camino (prueba)"
    db.session.commit()
    response = reader_client.get(URL)
    assert response.headers["ETag"] != before
    assert features(response)["20390"]["properties"]["name"] == "Santa Lucía del Camino (prueba)"


def test_municipalities_frame_by_cvegeo(app, runner, layer_file):
    runner.invoke(args=["geo", "import", str(layer_file("zip"))])
    frame = layers.municipalities_frame(["20390", "20901", "23001", "99999"])
    assert list(frame.index) == ["20390", "20901", "23001"]
    assert list(frame.geom_type) == ["Polygon", "Polygon", "Point"]
    assert frame.loc["20901", "population"] == 1200 and frame.crs.to_epsg() == 4326
    assert len(layers.municipalities_frame()) == 29 + 4
