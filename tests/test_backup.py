"""Backup and restore round-trip the registry (demo data and uploaded files) byte for byte."""

from __future__ import annotations

import io
import tarfile

import sqlalchemy as sa
from werkzeug.datastructures import FileStorage

from registry import create_app
from registry.extensions import db
from registry.files.models import StoredFile
from registry.files.services import file_path, store_upload
from registry.parties.models import Party
from tests.conftest import base_config, fresh_database, isolated

SCAN = b"%PDF-1.7\n" + bytes(range(256)) * 40 + b"\n%%EOF\n"


def parties_snapshot() -> list[tuple]:
    return [
        tuple(row)
        for row in db.session.execute(
            sa.select(Party.id, Party.name, Party.kind, Party.cvegeo, Party.latitude).order_by(
                Party.id
            )
        )
    ]


def test_backup_and_restore_round_trip(app, runner, tmp_path):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    stored = store_upload(FileStorage(io.BytesIO(SCAN), "Acuerdo de ratificación.pdf"))
    db.session.commit()
    expected_parties, storage_name = parties_snapshot(), stored.storage_name

    archive = tmp_path / "respaldo.tar.gz"
    result = runner.invoke(args=["backup", str(archive)])
    assert result.exit_code == 0, result.output
    assert "Respaldo escrito" in result.output

    with fresh_database(tmp_path, "registry_restore") as url:
        target = create_app(
            {**base_config(url), "UPLOAD_FOLDER": str(tmp_path / "restored-uploads")},
            instance_path=tmp_path / "restored-instance",
        )
        restored = isolated(target.test_cli_runner().invoke, args=["restore", str(archive)])
        assert restored.exit_code == 0, restored.output
        assert isolated(check_restored, target, expected_parties, storage_name)


def check_restored(target, expected_parties, storage_name) -> bool:
    with target.app_context():
        try:
            assert parties_snapshot() == expected_parties
            restored_file = db.session.scalar(sa.select(StoredFile))
            assert restored_file.storage_name == storage_name
            assert file_path(restored_file).read_bytes() == SCAN
        finally:
            db.session.remove()
            db.engine.dispose()
    return True


def test_restore_refuses_a_registry_in_use(app, runner, tmp_path):
    archive = tmp_path / "respaldo.tar.gz"
    assert runner.invoke(args=["backup", str(archive)]).exit_code == 0
    before = parties_snapshot()
    result = runner.invoke(args=["restore", str(archive)])
    assert result.exit_code == 1
    assert result.output.startswith("Error: La base de datos de destino no está vacía")
    assert len(result.output.strip().splitlines()) == 1
    assert parties_snapshot() == before


def test_restore_refuses_something_that_is_not_a_backup(runner, tmp_path):
    bogus = tmp_path / "otro.tar.gz"
    with tarfile.open(bogus, "w:gz") as archive:
        archive.add(__file__, arcname="notas.txt")
    result = runner.invoke(args=["restore", str(bogus)])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: El archivo no es un respaldo del registro."
