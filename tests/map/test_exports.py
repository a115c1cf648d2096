"""The PNG and GeoJSON of the current view, and the polygons read once per import."""

from __future__ import annotations

import io
import json

import pytest

from registry.extensions import db
from tests.map.conftest import (
    COZUMEL,
    OAXACA,
    SANTA_LUCIA,
    SISTER_CITIES,
    URL,
    XOXOCOTLAN,
    add_square_boundaries,
    features_by_cvegeo,
    page_html,
)

ZMO_2020_MEMBERS = 26


@pytest.mark.parametrize(
    "query", ["", "?vista=nacional", "?anio=2025&trimestre=2&colorear=actividad&estatus=firmado"]
)
def test_png_is_a_valid_image_of_a_sensible_size(demo, reader_client, query):
    from PIL import Image

    add_square_boundaries([SANTA_LUCIA, XOXOCOTLAN])
    response = reader_client.get(URL + "mapa.png" + query)
    assert response.status_code == 200 and response.content_type == "image/png"
    assert response.data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(response.data))
    image.verify()
    assert image.format == "PNG" and image.size == (1320, 1020)
    assert 20_000 < len(response.data) < 2_000_000
    assert response.headers["Content-Disposition"].startswith("inline; filename=mapa-contrapartes")


def geojson(client, query: str = "") -> dict:
    response = client.get(URL + "mapa.geojson" + query)
    assert response.status_code == 200
    assert response.content_type == "application/geo+json"
    return json.loads(response.data)


def test_geojson_has_one_valid_feature_per_place_drawn(demo, reader_client, tmp_path):
    import geopandas
    import shapely

    add_square_boundaries([SANTA_LUCIA])
    collection = geojson(reader_client)
    assert collection["type"] == "FeatureCollection"
    features = {f["properties"]["cvegeo"]: f for f in collection["features"]}
    assert len(features) == len(collection["features"]) == ZMO_2020_MEMBERS + len(SISTER_CITIES)
    for feature in collection["features"]:
        assert feature["type"] == "Feature"
        assert shapely.geometry.shape(feature["geometry"]).is_valid
    assert features[SANTA_LUCIA]["geometry"]["type"] == "Polygon"
    assert features[SANTA_LUCIA]["properties"] | {"party_id": 0} == {
        "cvegeo": SANTA_LUCIA,
        "name": "Santa Lucía del Camino",
        "kind": "municipio",
        "state": "Oaxaca",
        "country": "México",
        "zmo": True,
        "is_self": False,
        "status": None,
        "status_label": None,
        "agreements": 0,
        "meetings": 3,
        "activity": 3,
        "color": "#ffffff",
        "party_id": 0,
    }
    assert features[COZUMEL]["properties"]["status"] == "ratificado"
    assert features[COZUMEL]["properties"]["zmo"] is False
    assert features[OAXACA]["properties"]["is_self"] is True
    # a GIS opens it as it is (QGIS reads files through the same GDAL driver)
    path = tmp_path / "mapa.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    frame = geopandas.read_file(path)
    assert len(frame) == len(features) and frame.crs.to_epsg() == 4326


def test_geojson_follows_the_filters(demo, reader_client):
    collection = geojson(reader_client, "?estatus=ratificado&vista=nacional")
    outside = [
        f["properties"]["name"] for f in collection["features"] if not f["properties"]["zmo"]
    ]
    assert outside == ["Cozumel"]
    response = reader_client.get(URL + "mapa.geojson?anio=2025&trimestre=2")
    disposition = response.headers["Content-Disposition"]
    assert disposition == "attachment; filename=mapa-contrapartes-2025-t2.geojson"


def test_polygons_are_read_once_per_import(demo, reader_client, count_queries):
    add_square_boundaries([OAXACA, XOXOCOTLAN])  # an import: polygons and a new token
    with count_queries() as counter:
        for query in (
            "",
            "?estatus=ratificado",
            "?anio=2025&colorear=actividad",
            "?vista=nacional",
        ):
            page_html(reader_client, URL + query)
        reader_client.get(URL + "mapa.geojson")
        reader_client.get(URL + "mapa.png")
    assert polygon_reads(counter) == 1
    add_square_boundaries([SANTA_LUCIA])  # another import: read again, once
    with count_queries() as counter:
        html = page_html(reader_client)
        page_html(reader_client)
    assert polygon_reads(counter) == 1
    assert features_by_cvegeo(html)[SANTA_LUCIA]["geometry"]["type"] == "Polygon"


def test_text_that_looks_like_tex_is_drawn_as_written(demo, reader_client, editor):
    """Finding 7 of issue 15: matplotlib read "$…$" in a party's name as maths, and the national
    PNG was a 500 for everyone."""
    from PIL import Image

    from registry.parties.models import PartyKind
    from registry.parties.services import create_party
    from registry.topics.services import create_topic
    from tests.factories import make_agreement

    partner = create_party(
        {
            "kind": PartyKind.EXTRANJERA,
            "name": r"$\frac{$ Ciudad $x^{$",
            "country": "España",
            "latitude": 40.42,
            "longitude": -3.70,
        }
    )
    topic = create_topic(r"Agua $\sqrt{$", user=editor)
    db.session.commit()
    make_agreement(parties=[partner], topics=[topic.name])
    for query in ("?vista=nacional", f"?vista=nacional&tema={topic.id}"):
        response = reader_client.get(URL + "mapa.png" + query)
        assert response.status_code == 200, query
        image = Image.open(io.BytesIO(response.data))
        assert image.format == "PNG" and image.size == (1320, 1020)


def polygon_reads(counter) -> int:
    return sum("party_boundaries" in statement for statement in counter.statements)
