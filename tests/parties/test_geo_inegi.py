"""Importing INEGI's real layer: the extract in tests/data/geo (the 26 municipalities of the ZMO
and the 3 sister cities, with INEGI's own coordinates).

The import is imported once into a database of this module's own, and every test reads that
result. The whole Oaxaca layer (570 municipalities) is tested by test_geo_inegi_whole.py.
"""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from registry import create_app
from registry.extensions import db
from registry.parties.layers import municipalities_frame
from registry.parties.models import Party, PartyBoundary
from tests.conftest import DATA_DIR, RegistryCliRunner, base_config, fresh_database
from tests.conftest import migrate_to_head as migrate

INEGI = DATA_DIR / "geo" / "inegi"
#: The ZMO under Metrópolis de México 2020 (which includes the 24 of 2015): tests/data/README.md.
ZMO_MUNICIPALITIES = 26
#: Oaxaca's longitude/latitude range (INEGI's state bounds, with a small margin).
OAXACA_LON, OAXACA_LAT = (-98.6, -93.8), (15.6, 18.7)


@pytest.fixture(scope="module")
def inegi(tmp_path_factory):
    """A database of its own where INEGI's zipped shapefile was imported once; (app, output)."""
    tmp = tmp_path_factory.mktemp("inegi")
    with fresh_database(tmp, "registry_inegi") as url:
        migrate(url, tmp / "instance")
        app = create_app(base_config(url), instance_path=tmp / "instance")
        app.test_cli_runner_class = RegistryCliRunner
        result = app.test_cli_runner().invoke(args=["geo", "import", str(INEGI / "20mun_zmo.zip")])
        with app.app_context():
            yield app, result.output, result.exit_code
            db.session.remove()
            db.engine.dispose()


@pytest.fixture(scope="module")
def stored(inegi):
    """Municipalities of state 20 with their stored polygon: {cvegeo: (party, geometry)}."""
    import shapely

    rows = db.session.execute(
        sa.select(Party, PartyBoundary.geojson).join(PartyBoundary).where(Party.cvegeo.like("20%"))
    )
    return {party.cvegeo: (party, shapely.from_geojson(text)) for party, text in rows}


def test_zipped_shapefile_in_epsg_6372_imports_the_zmo(inegi, stored):
    _app, output, exit_code = inegi
    assert exit_code == 0, output
    assert f"{ZMO_MUNICIPALITIES} municipios leídos de «20mun_zmo.zip»" in output
    assert "0 agregados, 26 actualizados, 0 sin cambios" in output  # all 26 existed as points
    assert len(stored) == ZMO_MUNICIPALITIES


def test_santa_lucia_del_camino(inegi, stored):
    import shapely

    party, polygon = stored["20390"]
    assert party.name == "Santa Lucía del Camino" and party.population == 50362
    assert party.is_zmo and polygon.is_valid
    assert polygon.contains(shapely.Point(party.longitude, party.latitude))
    assert (party.latitude, party.longitude) == (17.06772, -96.67344)  # as geo/ keeps it


def test_coordinates_are_longitude_latitude_in_oaxaca(stored):
    import shapely

    bounds = shapely.bounds([polygon for _party, polygon in stored.values()])
    assert OAXACA_LON[0] < bounds[:, 0].min() and bounds[:, 2].max() < OAXACA_LON[1]
    assert OAXACA_LAT[0] < bounds[:, 1].min() and bounds[:, 3].max() < OAXACA_LAT[1]
    for party, polygon in stored.values():
        assert polygon.contains(shapely.Point(party.longitude, party.latitude)), party.cvegeo


def test_geojson_in_epsg_4326_gives_the_same_result(inegi):
    app, _output, _code = inegi
    path = INEGI / "mun20_zmo.geojson"
    result = app.test_cli_runner().invoke(args=["geo", "import", str(path)])
    assert result.exit_code == 0, result.output
    assert "26 municipios leídos" in result.output
    assert "0 agregados, 0 actualizados, 26 sin cambios" in result.output


def test_zmo_2015_union_is_one_polygon_without_slivers(stored):
    import geopandas
    import shapely

    members = [polygon for party, polygon in stored.values() if party.zmo_2015]
    assert len(members) == 24
    metric = geopandas.GeoSeries(members, crs=4326).to_crs(6372).values
    union = shapely.union_all(metric)
    assert union.geom_type == "Polygon" and not union.interiors
    assert union.area == pytest.approx(shapely.area(metric).sum(), rel=1e-3)
    for index, member in enumerate(metric):
        others = [other for position, other in enumerate(metric) if position != index]
        assert shapely.touches(member, others).any(), index


def test_zmo_layer_is_small_and_close_to_inegi(inegi, client, reader):
    """The acceptance targets: ≤ 150 KB served, within 30 m of INEGI's boundaries."""
    import geopandas
    import shapely

    body = client.login_as(reader).get("/contrapartes/capas/zmo.geojson").data
    assert len(body) <= 150_000
    layer = geopandas.GeoDataFrame.from_features(json.loads(body)["features"], crs=4326)
    assert len(layer) == 26 and set(layer.geom_type) <= {"Polygon", "MultiPolygon"}
    original = geopandas.read_file(f"zip://{INEGI / '20mun_zmo.zip'}").set_index("CVEGEO")
    served = layer.set_index("cvegeo").to_crs(6372).geometry
    distances = shapely.hausdorff_distance(served.values, original.geometry[served.index].values)
    assert distances.max() <= 30


@pytest.fixture
def client(inegi):
    app, _output, _code = inegi
    from tests.conftest import RegistryClient

    app.test_client_class = RegistryClient
    return app.test_client()


@pytest.fixture
def reader(inegi):
    from registry.auth.models import Role, User
    from tests.conftest import TEST_PASSWORD_HASH

    user = User(email="lector-inegi@oaxaca.gob.mx", full_name="Lector", role=Role.READER)
    user.password_hash = TEST_PASSWORD_HASH
    db.session.add(user)
    db.session.commit()
    yield user
    db.session.delete(user)
    db.session.commit()


def test_municipalities_frame_for_the_map(inegi):
    frame = municipalities_frame(["20390", "20067", "23001"])
    assert list(frame.index) == ["20067", "20390", "23001"]
    assert frame.loc["20067", "is_self"] and frame.crs.to_epsg() == 4326
    assert frame.loc["23001"].geometry.geom_type == "Point"  # Cozumel: not imported here
    assert frame.loc["20390"].geometry.geom_type in ("Polygon", "MultiPolygon")


def test_geo_reference_file_agrees_with_inegi_and_the_delimitations(stored):
    """geo/municipios_referencia.csv: the points are INEGI polygons' representative points (as
    the import computes them) and the ZMO flags are those of the delimitations
    (docs/geography.md)."""
    import csv

    from registry.parties.geo_import import prepare_layer
    from registry.reference import reference_municipalities

    reference = {row["cvegeo"]: row for row in reference_municipalities()}
    partners = prepare_layer(INEGI / "mun_hermanamientos.zip").municipalities
    imported = {code: party for code, (party, _polygon) in stored.items()}
    imported |= {municipality.cvegeo: municipality for municipality in partners}
    for code, row in reference.items():
        point = (imported[code].latitude, imported[code].longitude)
        assert point == (row["latitude"], row["longitude"]), code
        assert imported[code].name == row["name"], code
    with (DATA_DIR / "geo" / "zona_metropolitana_oaxaca.csv").open(encoding="utf-8") as handle:
        delimitations = {row["cvegeo"]: row for row in csv.DictReader(handle)}
    for code, row in delimitations.items():
        assert reference[code]["zmo_2015"] == (row["zm2015"] == "1"), code
        assert reference[code]["zmo_2020"] == (row["zm2020"] == "1"), code
