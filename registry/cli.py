"""Command-line entry points: ``flask --app registry <group> <command>``.

Each domain keeps its commands beside its code; this module registers them and holds what they
share: one transaction per command, and errors as one readable line with a non-zero exit.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click
from flask import Flask
from flask.cli import with_appcontext

from registry.errors import DomainError, version_checked
from registry.extensions import db


@contextmanager
def cli_transaction() -> Iterator[None]:
    """Commit when the block succeeds; on a DomainError (an edit conflict included) roll back
    and exit 1 with its message."""
    try:
        with version_checked():
            yield
            db.session.commit()
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    except BaseException:
        db.session.rollback()
        raise


@click.command("setup")
@click.option(
    "--admin-email",
    envvar="ADMIN_EMAIL",
    help="Correo de la primera cuenta de administración (o la variable ADMIN_EMAIL). Sin él se "
    "pregunta en una terminal, y fuera de ella se usa una dirección al azar.",
)
@with_appcontext
def setup_command(admin_email: str | None) -> None:
    """Prepara la instancia: crea la cuenta de administración si no hay ninguna."""
    from registry.auth.services import create_first_admin, find_admin

    admin = find_admin()
    if admin is not None:
        click.echo(f"Cuenta de administración existente: {admin.email}")
        click.echo("  (para cambiar su contraseña: flask --app registry users set-password CORREO)")
        return
    if not admin_email and sys.stdin.isatty():
        admin_email = click.prompt(
            "Correo de la cuenta de administración (Enter: una dirección al azar)",
            default="",
            show_default=False,
        )
    with cli_transaction():
        admin, password = create_first_admin(admin_email)
    click.echo("Cuenta de administración creada. Guarde esta contraseña: no se volverá a mostrar.")
    click.echo(f"  Usuario:    {admin.email}")
    click.echo(f"  Contraseña: {password}")


@click.group("demo")
def demo_group() -> None:
    """Datos de demostración (los del informe del 2.º trimestre de 2025)."""


@demo_group.command("load")
@with_appcontext
def demo_load() -> None:
    """Carga los datos de demostración; lo ya cargado no se duplica."""
    from registry.demo import load_demo

    with cli_transaction():
        lines = load_demo()
    for line in lines:
        click.echo(line)


@click.command("backup")
@click.argument("archive", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def backup_command(archive: Path) -> None:
    """Respalda la base de datos y los archivos en ARCHIVE (.tar.gz), sin detener el servicio."""
    from registry.backup import create_backup

    with cli_transaction():
        manifest = create_backup(archive)
    click.echo(
        f"Respaldo escrito en {archive}: {sum(manifest['rows'].values())} registros, "
        f"{len(manifest['uploads'])} archivos."
    )


@click.command("restore")
@click.argument("archive", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@with_appcontext
def restore_command(archive: Path) -> None:
    """Restaura ARCHIVE en esta instancia, que debe estar vacía (sin tablas ni archivos)."""
    from registry.backup import restore_backup

    with cli_transaction():
        manifest = restore_backup(archive)
    rows, files = sum(manifest["rows"].values()), len(manifest["uploads"])
    click.echo(
        f"Restaurado el respaldo del {manifest['created_at'][:10]}: {rows} registros, "
        f"{files} archivos."
    )


def register_cli(app: Flask) -> None:
    from registry.agreements.cli import agreements_cli
    from registry.imports.cli import import_command
    from registry.parties.cli import geo
    from registry.reports.cli import report
    from registry.users.cli import users

    commands = (
        setup_command,
        demo_group,
        users,
        backup_command,
        restore_command,
        report,
        agreements_cli,
        geo,
        import_command,
    )
    for command in commands:
        app.cli.add_command(command)
