"""Importing INEGI's whole Oaxaca layer (570 municipalities), found through REGISTRY_SHARED_GEO:
it is not in the repository (~13 MB), so without it these tests skip and say why. The extract in
tests/data covers the import's behaviour (test_geo_inegi.py); this is the state at full size."""

from __future__ import annotations

import pytest
import sqlalchemy as sa

from registry import create_app
from registry.extensions import db
from registry.parties.models import Party, PartyBoundary
from tests.conftest import RegistryCliRunner, base_config, fresh_database
from tests.conftest import migrate_to_head as migrate

#: INEGI's Marco Geoestadístico: every municipality of Oaxaca (docs/geography.md).
OAXACA_MUNICIPALITIES = 570


@pytest.fixture(scope="module")
def imported(whole_inegi_layer, tmp_path_factory):
    """A database of its own where the whole zipped shapefile was imported once."""
    tmp = tmp_path_factory.mktemp("inegi-whole")
    with fresh_database(tmp, "registry_inegi_whole") as url:
        migrate(url, tmp / "instance")
        app = create_app(base_config(url), instance_path=tmp / "instance")
        app.test_cli_runner_class = RegistryCliRunner
        runner = app.test_cli_runner()
        result = runner.invoke(
            args=["geo", "import", str(whole_inegi_layer / "inegi" / "20mun.zip")]
        )
        with app.app_context():
            yield runner, result
            db.session.remove()
            db.engine.dispose()


def test_the_whole_state_imports_and_a_second_format_changes_nothing(imported, whole_inegi_layer):
    runner, result = imported
    assert result.exit_code == 0, result.output
    assert f"{OAXACA_MUNICIPALITIES} municipios leídos de «20mun.zip»" in result.output
    assert "544 agregados, 26 actualizados, 0 sin cambios" in result.output  # 26 ZMO ones existed
    polygons = sa.select(sa.func.count()).select_from(PartyBoundary).join(Party)
    assert db.session.scalar(polygons.where(Party.cvegeo.like("20%"))) == OAXACA_MUNICIPALITIES
    again = runner.invoke(
        args=["geo", "import", str(whole_inegi_layer / "inegi" / "mun20_oaxaca.geojson")]
    )
    assert again.exit_code == 0, again.output
    assert f"0 agregados, 0 actualizados, {OAXACA_MUNICIPALITIES} sin cambios" in again.output
