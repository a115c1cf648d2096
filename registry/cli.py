"""Command-line entry points: ``flask --app registry <group> <command>``.

Each domain keeps its commands beside its code; this module registers them and holds what they
share: one transaction per command, and errors as one readable line with a non-zero exit.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import click
from flask import Flask
from flask.cli import with_appcontext

from registry.errors import DomainError
from registry.extensions import db


@contextmanager
def cli_transaction() -> Iterator[None]:
    """Commit when the block succeeds; on a DomainError roll back and exit 1 with its message."""
    try:
        yield
    except DomainError as error:
        db.session.rollback()
        raise click.ClickException(error.message) from None
    except BaseException:
        db.session.rollback()
        raise
    db.session.commit()


@click.command("setup")
@with_appcontext
def setup_command() -> None:
    """Prepara la instancia: crea la cuenta de administración si no hay ninguna."""
    from registry.auth.services import ensure_admin

    with cli_transaction():
        admin, password = ensure_admin()
    if password is None:
        click.echo(f"Cuenta de administración existente: {admin.email}")
        click.echo("  (para cambiar su contraseña: flask --app registry users set-password CORREO)")
        return
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


def register_cli(app: Flask) -> None:
    from registry.auth.cli import users
    from registry.parties.cli import geo

    for command in (setup_command, demo_group, users, geo):
        app.cli.add_command(command)
