"""Backup and restore: one archive holding the database and the upload folder.

The archive (``.tar.gz``) contains ``manifest.json`` (format, backend, schema revision, row
counts, file checksums), the database (``database.sqlite3`` from SQLite's online backup API, or
``database.pgdump`` from ``pg_dump -Fc``) and ``uploads/``. The database is copied first and the
uploads after it, so every file the copied database names is in the archive even while the app
keeps serving (files are only ever added under random names).

Restore goes into an *empty* instance only (no tables, no uploads): it never merges into or
overwrites a registry that is in use.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump/pg_restore with fixed arguments, no shell
import tarfile
import tempfile
from contextlib import closing
from datetime import UTC, datetime
from pathlib import Path

import sqlalchemy as sa
from flask import current_app
from flask_babel import gettext as _

from registry.errors import DomainError
from registry.extensions import db

FORMAT = 1
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PGDUMP_MEMBER = "database.pgdump"


def create_backup(target: Path) -> dict:
    """Write the archive to ``target`` (atomically); returns its manifest."""
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        member, rows = dump_database(work)
        uploads = upload_files()
        manifest = {
            "format": FORMAT,
            "app": "registro-metropolitano",
            "created_at": datetime.now(UTC).isoformat(),
            "backend": db.engine.dialect.name,
            "schema_revision": schema_revision(),
            "rows": rows,
            "database": member.name,
            "uploads": {name: sha256(path) for name, path in uploads.items()},
        }
        partial = target.with_name(f".{target.name}.partial")
        with tarfile.open(partial, "w:gz") as archive:
            add_bytes(
                archive, MANIFEST, json.dumps(manifest, indent=2, ensure_ascii=False).encode()
            )
            archive.add(member, arcname=member.name)
            for name, path in uploads.items():
                archive.add(path, arcname=f"uploads/{name}")
        os.replace(partial, target)
    return manifest


def restore_backup(source: Path) -> dict:
    """Restore ``source`` into this (empty) instance; returns the archive's manifest."""
    with tarfile.open(source, "r:gz") as archive:
        manifest = read_manifest(archive)
        check_target_is_empty()
        with tempfile.TemporaryDirectory() as scratch:
            work = Path(scratch)
            safe_extract(archive, work)
            restore_database(work / manifest["database"], manifest)
            restore_uploads(work / "uploads", manifest)
    db.engine.dispose()  # connections opened before the restore must not be reused
    if table_counts() != manifest["rows"]:
        raise DomainError(_("La restauración no reproduce los conteos del respaldo."))
    return manifest


# Database ----------------------------------------------------------------------------------------


def dump_database(work: Path) -> tuple[Path, dict[str, int]]:
    """A consistent copy of the database and the row counts of that same snapshot."""
    if db.engine.dialect.name == "sqlite":
        target = work / SQLITE_MEMBER
        with (
            closing(sqlite3.connect(db.engine.url.database)) as source,
            closing(sqlite3.connect(target)) as copy,
        ):
            source.backup(copy)  # an online, consistent snapshot while others keep writing
        snapshot = sa.create_engine(f"sqlite:///{target}")
        try:
            with snapshot.connect() as connection:
                return target, counts_on(connection)
        finally:
            snapshot.dispose()
    target = work / PGDUMP_MEMBER
    # pg_dump reads the snapshot exported by this transaction, so the dump and the counts agree.
    repeatable = db.engine.connect().execution_options(isolation_level="REPEATABLE READ")
    with repeatable as connection, connection.begin():
        snapshot_id = connection.execute(sa.text("SELECT pg_export_snapshot()")).scalar()
        rows = counts_on(connection)
        run_pg_tool(
            "pg_dump",
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--snapshot={snapshot_id}",
            f"--file={target}",
            postgres_dsn(),
        )
    return target, rows


def restore_database(dump: Path, manifest: dict) -> None:
    backend = db.engine.dialect.name
    if manifest["backend"] != backend:
        raise DomainError(
            _(
                "El respaldo es de %(origen)s y esta instancia usa %(destino)s; no se puede "
                "restaurar entre motores distintos.",
                origen=manifest["backend"],
                destino=backend,
            )
        )
    db.session.remove()
    db.engine.dispose()
    if backend == "sqlite":
        with (
            closing(sqlite3.connect(dump)) as source,
            closing(sqlite3.connect(db.engine.url.database)) as target,
        ):
            source.backup(target)
        return
    run_pg_tool(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        f"--dbname={postgres_dsn()}",
        str(dump),
    )


def postgres_dsn() -> str:
    """The libpq form of the configured URL (pg_dump does not know SQLAlchemy's driver names)."""
    return db.engine.url.set(drivername="postgresql").render_as_string(hide_password=False)


def run_pg_tool(tool: str, *arguments: str) -> None:
    executable = shutil.which(tool)
    if executable is None:
        raise DomainError(
            _("No se encontró %(tool)s (cliente de PostgreSQL) en este equipo.", tool=tool)
        )
    command = [executable, *arguments]
    result = subprocess.run(command, capture_output=True, text=True, check=False)  # noqa: S603
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        raise DomainError(f"{tool}: {detail[-1] if detail else result.returncode}")


def schema_revision() -> str | None:
    with db.engine.connect() as connection:
        if not sa.inspect(connection).has_table("alembic_version"):
            return None
        return connection.execute(sa.text("SELECT version_num FROM alembic_version")).scalar()


def table_counts() -> dict[str, int]:
    with db.engine.connect() as connection:
        return counts_on(connection)


def counts_on(connection: sa.Connection) -> dict[str, int]:
    return {
        table.name: connection.scalar(sa.select(sa.func.count()).select_from(table))
        for table in db.metadata.sorted_tables
    }


def check_target_is_empty() -> None:
    with db.engine.connect() as connection:
        tables = sa.inspect(connection).get_table_names()
    if tables:
        raise DomainError(
            _(
                "La base de datos de destino no está vacía (%(n)d tablas): la restauración solo se "
                "hace sobre una instancia nueva.",
                n=len(tables),
            )
        )
    if any(Path(current_app.config["UPLOAD_FOLDER"]).glob("*")):
        raise DomainError(_("La carpeta de archivos de destino no está vacía."))


# Uploads and the archive -------------------------------------------------------------------------


def upload_files() -> dict[str, Path]:
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    if not folder.is_dir():
        return {}
    return {path.name: path for path in sorted(folder.iterdir()) if path.is_file()}


def restore_uploads(extracted: Path, manifest: dict) -> None:
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    for name, checksum in manifest["uploads"].items():
        source = extracted / name
        if sha256(source) != checksum:
            raise DomainError(_("El archivo %(name)s del respaldo está dañado.", name=name))
        shutil.copy2(source, folder / name)


def read_manifest(archive: tarfile.TarFile) -> dict:
    try:
        manifest = json.load(archive.extractfile(MANIFEST))
    except (KeyError, json.JSONDecodeError, TypeError) as error:
        raise DomainError(_("El archivo no es un respaldo del registro.")) from error
    if manifest.get("format") != FORMAT or manifest.get("app") != "registro-metropolitano":
        raise DomainError(_("El archivo no es un respaldo del registro (formato desconocido)."))
    return manifest


def safe_extract(archive: tarfile.TarFile, target: Path) -> None:
    """Extract regular files only, never outside ``target`` (the 'data' filter refuses tricks)."""
    members = [member for member in archive.getmembers() if member.isfile()]
    archive.extractall(target, members=members, filter="data")


def add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(datetime.now(UTC).timestamp())
    archive.addfile(info, io.BytesIO(data))


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
