"""``flask db upgrade`` on an empty database gives exactly the models' schema."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from registry import create_app
from registry.extensions import db
from tests.conftest import base_config, fresh_database


def test_upgrade_of_an_empty_database_matches_the_models(tmp_path):
    with fresh_database(tmp_path, "registry_migrations") as url:
        app = create_app(base_config(url), instance_path=tmp_path / "instance")
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with app.app_context():
            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "compare_server_default": True}
                )
                differences = compare_metadata(context, db.metadata)
            db.engine.dispose()
    assert differences == []


def test_downgrade_to_base_and_back(tmp_path):
    with fresh_database(tmp_path, "registry_downgrade") as url:
        app = create_app(base_config(url), instance_path=tmp_path / "instance")
        runner = app.test_cli_runner()
        for command in (["db", "upgrade"], ["db", "downgrade", "base"], ["db", "upgrade"]):
            result = runner.invoke(args=command)
            assert result.exit_code == 0, result.output
        with app.app_context():
            db.engine.dispose()
