"""Backup and restore: one archive holding the database and the upload folder.

The archive (``.tar.gz``) contains ``manifest.json`` (format, backend, schema revision, row
counts, file checksums), the database (``database.sqlite3`` from SQLite's online backup API, or
``database.pgdump`` from ``pg_dump -Fc``) and ``uploads/``. The database is copied first and the
uploads after it, so every file the copied database names is in the archive even while the app
keeps serving (files are only ever added under random names).

Restore goes into an *empty* instance only (no tables, no uploads): it never merges into or
overwrites a registry that is in use. It is all or nothing: the archive is read and every file in
it checked against the manifest before anything is written, and if anything fails after that the
tables and files it wrote are removed again, so the instance is left as empty as it was (and a
good archive can be restored next), with one Spanish line saying why.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import subprocess  # noqa: S404 - pg_dump/pg_restore with fixed arguments, no shell
import tarfile
import tempfile
import zlib
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
#: A plain file name (``store_upload`` writes random hex and an extension): nothing from an
#: archive is ever written anywhere but directly into the upload folder.
_NAME = re.compile(r"^\w[\w.-]{0,199}$")


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
    """Restore ``source`` into this (empty) instance; returns the archive's manifest.

    Raises DomainError, having left the instance empty, when anything is wrong.
    """
    try:
        with tarfile.open(source, "r:gz") as archive:
            manifest = read_manifest(archive)
            check_backend(manifest)
            check_target_is_empty()
            with tempfile.TemporaryDirectory() as scratch:
                work = Path(scratch)
                safe_extract(archive, work)
                check_extracted(work, manifest)
                _restore_checked(work, manifest)
    except (tarfile.TarError, EOFError, zlib.error) as error:
        raise DomainError(
            _("El respaldo está dañado o incompleto (no se puede leer el archivo).")
        ) from error
    return manifest


def _restore_checked(work: Path, manifest: dict) -> None:
    """Write the checked database and files; on any failure take them out again."""
    try:
        restore_database(work / manifest["database"], manifest)
        restore_uploads(work / "uploads", manifest)
        db.engine.dispose()  # connections opened before the restore must not be reused
        if table_counts() != manifest["rows"]:
            raise DomainError(_("La restauración no reproduce los conteos del respaldo."))
    except Exception as error:
        current_app.logger.warning("Restauración fallida, se deshace: %r", error)
        undo_restore(manifest)
        if isinstance(error, DomainError):
            raise DomainError(
                _("%(reason)s No se restauró nada: la instancia sigue vacía.", reason=error.message)
            ) from error
        raise DomainError(
            _(
                "La restauración falló (%(detail)s). No se restauró nada: la instancia sigue "
                "vacía.",
                detail=type(error).__name__,
            )
        ) from error


def undo_restore(manifest: dict) -> None:
    """Back to the empty instance the restore started from: no tables, no restored files."""
    db.session.remove()
    db.engine.dispose()
    with db.engine.begin() as connection:
        inspector = sa.inspect(connection)
        tables = inspector.get_table_names()
        if connection.dialect.name == "sqlite":
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            for name in tables:
                connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}"')
        else:
            for name in tables:
                connection.exec_driver_sql(f'DROP TABLE IF EXISTS "{name}" CASCADE')
            for name in inspector.get_sequence_names():
                connection.exec_driver_sql(f'DROP SEQUENCE IF EXISTS "{name}" CASCADE')
    db.engine.dispose()
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    for name in manifest.get("uploads", {}):
        (folder / name).unlink(missing_ok=True)


# Database ----------------------------------------------------------------------------------------


def dump_database(work: Path) -> tuple[Path, dict[str, int]]:
    """A consistent copy of the database and the row counts of that same snapshot."""
    if db.engine.dialect.name == "sqlite":
        target = work / SQLITE_MEMBER
        with (
            closing(sqlite3.connect(sqlite_file())) as source,
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


def check_backend(manifest: dict) -> None:
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


def restore_database(dump: Path, manifest: dict) -> None:
    backend = db.engine.dialect.name
    db.session.remove()
    db.engine.dispose()
    if backend == "sqlite":
        with (
            closing(sqlite3.connect(dump)) as source,
            closing(sqlite3.connect(sqlite_file())) as target,
        ):
            source.backup(target)
        return
    run_pg_tool(
        "pg_restore",
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        "--single-transaction",
        f"--dbname={postgres_dsn()}",
        str(dump),
    )


def sqlite_file() -> str:
    """The configured SQLite database's file (an in-memory database has none to copy)."""
    path = db.engine.url.database
    if not path:
        raise DomainError(
            _("El respaldo necesita una base de datos SQLite guardada en un archivo.")
        )
    return path


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
        table.name: connection.execute(sa.select(sa.func.count()).select_from(table)).scalar_one()
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


def check_extracted(extracted: Path, manifest: dict) -> None:
    """The database and every file the manifest lists are in the archive, files unchanged."""
    if not (extracted / manifest["database"]).is_file():
        raise DomainError(_("Al respaldo le falta la base de datos; no se restauró nada."))
    for name, checksum in manifest["uploads"].items():
        source = extracted / "uploads" / name
        if not source.is_file():
            raise DomainError(
                _("Al respaldo le falta el archivo %(name)s; no se restauró nada.", name=name)
            )
        if sha256(source) != checksum:
            raise DomainError(
                _("El archivo %(name)s del respaldo está dañado; no se restauró nada.", name=name)
            )


def restore_uploads(extracted: Path, manifest: dict) -> None:
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    for name in manifest["uploads"]:
        shutil.copy2(extracted / name, folder / name)


def read_manifest(archive: tarfile.TarFile) -> dict:
    not_a_backup = DomainError(_("El archivo no es un respaldo del registro."))
    try:
        member = archive.extractfile(MANIFEST)  # None when the name is a folder, not a file
        if member is None:
            raise not_a_backup
        manifest = json.load(member)
    except (KeyError, json.JSONDecodeError, TypeError, UnicodeDecodeError) as error:
        raise not_a_backup from error
    if not isinstance(manifest, dict):
        raise not_a_backup
    if manifest.get("format") != FORMAT or manifest.get("app") != "registro-metropolitano":
        raise DomainError(_("El archivo no es un respaldo del registro (formato desconocido)."))
    names = manifest.get("uploads")
    shape_ok = (
        manifest.get("database") in (SQLITE_MEMBER, PGDUMP_MEMBER)
        and isinstance(manifest.get("rows"), dict)
        and isinstance(names, dict)
        and all(_NAME.match(str(name)) for name in names)
    )
    if not shape_ok:
        raise DomainError(_("El manifiesto del respaldo está dañado; no se restauró nada."))
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
