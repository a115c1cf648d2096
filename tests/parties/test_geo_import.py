"""``flask geo import``: every format, idempotence, bad input, topology (synthetic layers)."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.extensions import db
from registry.parties.models import Party, PartyBoundary
from tests.parties.conftest import CELLS, database_state, synthetic_frame


def municipality(cvegeo: str) -> Party:
    return db.session.scalar(sa.select(Party).where(Party.cvegeo == cvegeo))


def boundary(cvegeo: str):
    import shapely

    text = db.session.scalar(
        sa.select(PartyBoundary.geojson).join(Party).where(Party.cvegeo == cvegeo)
    )
    return None if text is None else shapely.from_geojson(text)


def import_layer(runner, path, *options):
    return runner.invoke(args=["geo", "import", str(path), *options])


@pytest.mark.parametrize("fmt", ["geojson", "zip", "shp", "gpkg"])
def test_each_format_adds_new_municipalities_and_updates_known_ones(runner, layer_file, fmt):
    result = import_layer(runner, layer_file(fmt))
    assert result.exit_code == 0, result.output
    assert "6 municipios leídos" in result.output
    assert "4 agregados, 2 actualizados, 0 sin cambios" in result.output
    new = municipality("20901")
    assert (new.name, new.state, new.population) == ("Municipio de Prueba Uno", "Oaxaca", 1200)
    assert new.kind == "municipio" and new.active and not new.is_zmo
    assert municipality("21001").state == "Puebla"
    assert municipality("02001").population == 443807  # leading zero kept
    for code, _name, _population in CELLS:
        party, polygon = municipality(code), boundary(code)
        assert polygon.is_valid and polygon.contains(_point(party)), code
        assert -96.81 < party.longitude < -96.71 and 16.99 < party.latitude < 17.06


def _point(party: Party):
    import shapely

    return shapely.Point(party.longitude, party.latitude)


def test_reimport_is_idempotent_and_writes_nothing(runner, layer_file):
    path = layer_file("zip")
    assert import_layer(runner, path).exit_code == 0
    before = database_state()
    again = import_layer(runner, path)
    assert again.exit_code == 0, again.output
    assert "0 agregados, 0 actualizados, 6 sin cambios" in again.output
    after = database_state()
    assert after["parties"] == before["parties"] and after["boundaries"] == before["boundaries"]
    assert after["events"] == before["events"] + 1  # the import's own audit entry


def test_same_data_in_another_format_is_unchanged(runner, layer_file):
    assert import_layer(runner, layer_file("zip")).exit_code == 0
    result = import_layer(runner, layer_file("geojson"))
    assert "0 agregados, 0 actualizados, 6 sin cambios" in result.output


def test_changed_population_and_name_are_updated(runner, layer_file):
    import_layer(runner, layer_file("geojson"))
    frame = synthetic_frame()
    frame.loc[1, "POB2020"] = 1250
    frame.loc[2, "NOMGEO"] = "Municipio de Prueba Dos Renombrado"
    result = import_layer(runner, layer_file("gpkg", frame))
    assert "0 agregados, 2 actualizados, 4 sin cambios" in result.output
    assert municipality("20901").population == 1250
    assert municipality("20902").name == "Municipio de Prueba Dos Renombrado"
    event = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "import" and event.after["updated"] == ["20901", "20902"]


def test_state_option_keeps_only_that_state(runner, layer_file):
    result = import_layer(runner, layer_file("zip"), "--state", "20")
    assert "4 municipios leídos" in result.output, result.output
    assert municipality("21001") is None and boundary("02001") is None


def test_key_columns_are_found_whatever_their_case(runner, layer_file):
    frame = synthetic_frame().drop(columns=["CVEGEO"])
    frame = frame.rename(columns={"CVE_ENT": "cve_ent", "CVE_MUN": "Cve_Mun", "NOMGEO": "nomgeo"})
    frame = frame.rename(columns={"POB2020": "pobtot"})
    result = import_layer(runner, layer_file("geojson", frame))
    assert result.exit_code == 0, result.output
    assert municipality("02001").population == 443807


def test_numeric_keys_get_their_leading_zeros_back(runner, tmp_path):
    frame = synthetic_frame().to_crs(4326)
    collection = json.loads(frame.to_json())
    for feature in collection["features"]:
        feature["properties"]["CVEGEO"] = int(feature["properties"]["CVEGEO"])
    path = tmp_path / "numericas.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    result = import_layer(runner, path)
    assert result.exit_code == 0, result.output
    assert boundary("02001") is not None


def test_invalid_polygon_is_repaired(runner, layer_file):
    import shapely

    frame = synthetic_frame()
    x0, y0, x1, y1 = frame.geometry.iloc[1].bounds
    frame.loc[1, "geometry"] = shapely.Polygon([(x0, y0), (x1, y1), (x1, y0), (x0, y1)])  # bow tie
    frame = frame.iloc[[1]]
    result = import_layer(runner, layer_file("geojson", frame))
    assert result.exit_code == 0, result.output
    assert "Geometrías no válidas reparadas: 20901." in result.output
    assert boundary("20901").is_valid and boundary("20901").area > 0


def test_overlapping_polygons_are_cleaned_into_a_coverage(runner, layer_file):
    frame = synthetic_frame()
    frame.loc[0, "geometry"] = frame.geometry.iloc[0].buffer(40)  # spills into its neighbours
    result = import_layer(runner, layer_file("geojson", frame))
    assert result.exit_code == 0, result.output
    assert "traslapes" in result.output
    first, second = boundary("20390"), boundary("20901")
    assert first.intersection(second).area < 1e-9


def test_dry_run_writes_nothing(runner, layer_file):
    before = database_state()
    result = import_layer(runner, layer_file("zip"), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "4 agregados" in result.output and "no se guardó nada" in result.output
    assert database_state() == before


def test_layer_without_crs_can_be_given_one(runner, tmp_path):
    from tests.parties.conftest import write_zip

    path = write_zip(synthetic_frame(), tmp_path, prj=False)
    result = import_layer(runner, path, "--crs", "EPSG:6372")
    assert result.exit_code == 0, result.output
    assert boundary("20901") is not None


def _no_key_columns(tmp_path, layer_file):
    return layer_file("geojson", synthetic_frame()[["POB2020", "geometry"]])


def _text_named_geojson(tmp_path, layer_file):
    path = tmp_path / "municipios.geojson"
    path.write_text("CVEGEO,NOMGEO\n20390,Santa Lucía del Camino\n", encoding="utf-8")
    return path


def _empty_layer(tmp_path, layer_file):
    path = tmp_path / "vacia.geojson"
    path.write_text('{"type": "FeatureCollection", "features": []}', encoding="utf-8")
    return path


def _no_crs(tmp_path, layer_file):
    from tests.parties.conftest import write_zip

    return write_zip(synthetic_frame(), tmp_path, prj=False)


def _wrong_crs(tmp_path, layer_file):
    path = tmp_path / "mal_declarada.gpkg"
    synthetic_frame().set_crs(4326, allow_override=True).to_file(path, engine="pyogrio")
    return path


def _points(tmp_path, layer_file):
    frame = synthetic_frame()
    return layer_file("geojson", frame.set_geometry(frame.representative_point()))


def _bad_key(tmp_path, layer_file):
    frame = synthetic_frame()
    frame.loc[2, "CVEGEO"] = "20A01"
    return layer_file("geojson", frame)


def _repeated_key(tmp_path, layer_file):
    frame = synthetic_frame()
    frame.loc[2, "CVEGEO"] = "20901"
    return layer_file("geojson", frame)


def _several_shapefiles(tmp_path, layer_file):
    import zipfile

    path = tmp_path / "varios.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("a.shp", b"")
        archive.writestr("b.shp", b"")
    return path


BAD_INPUTS = {
    _no_key_columns: "Faltan columnas en la capa: CVEGEO (o CVE_ENT y CVE_MUN), NOMGEO. "
    "Columnas que tiene: POB2020.",
    _text_named_geojson: "No se pudo leer «municipios.geojson» como capa geográfica",
    _empty_layer: "La capa de «vacia.geojson» está vacía: no tiene municipios.",
    _no_crs: "no declara su sistema de coordenadas",
    _wrong_crs: "no caen en México al leerlas como EPSG:4326",
    _points: "No son polígonos: 20390, 20901, 20902, 20903, 21001, …",
    _bad_key: "Clave de municipio no válida (CVEGEO: 5 dígitos, estado 01 a 32) en los "
    "elementos 3.",
    _repeated_key: "CVEGEO repetida en la capa: 20901.",
    _several_shapefiles: "debe contener un solo shapefile de municipios (…mun.shp); tiene: "
    "a.shp, b.shp.",
}


@pytest.mark.parametrize("make_bad", BAD_INPUTS, ids=lambda make: make.__name__.strip("_"))
def test_bad_input_fails_with_one_line_and_changes_nothing(runner, tmp_path, layer_file, make_bad):
    path = make_bad(tmp_path, layer_file)
    before = database_state()
    result = import_layer(runner, path)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.output
    assert BAD_INPUTS[make_bad] in lines[0]
    assert database_state() == before


@pytest.mark.parametrize(
    ("options", "message"),
    [
        (["--state", "99"], "«99» no es una clave de estado del INEGI"),
        (["--state", "09"], "La capa no tiene municipios del estado 09 (Ciudad de México)."),
        (["--crs", "EPSG:6372"], None),  # ignored: the file declares its CRS
    ],
)
def test_options_are_checked(runner, layer_file, options, message):
    before = database_state()
    result = import_layer(runner, layer_file("geojson"), *options)
    if message is None:
        assert result.exit_code == 0, result.output
        return
    assert result.exit_code == 1 and message in result.output
    assert database_state() == before


def test_missing_file_and_unknown_format(runner, tmp_path):
    missing = import_layer(runner, tmp_path / "no-existe.shp")
    assert missing.exit_code == 1 and "No existe el archivo" in missing.output
    (tmp_path / "capa.kml").write_text("<kml/>", encoding="utf-8")
    unknown = import_layer(runner, tmp_path / "capa.kml")
    assert unknown.exit_code == 1 and "Formato no admitido: «capa.kml»" in unknown.output


def test_neighbours_still_share_their_borders_after_simplification(runner, layer_file):
    import shapely

    import_layer(runner, layer_file("zip"), "--tolerance", "30")
    codes = [code for code, _name, _population in CELLS]
    polygons = [boundary(code) for code in codes]
    original = synthetic_frame().to_crs(4326).geometry.values
    assert sum(shapely.get_num_coordinates(polygons)) < sum(shapely.get_num_coordinates(original))
    assert shapely.coverage_is_valid(polygons)
    union = shapely.union_all(polygons)
    assert union.geom_type == "Polygon" and not union.interiors
    assert union.area == pytest.approx(sum(polygon.area for polygon in polygons), rel=1e-9)
    shared = polygons[0].intersection(polygons[1])
    assert shared.length > 0.02 and shared.area == 0  # a border ~3 km long, no overlap
