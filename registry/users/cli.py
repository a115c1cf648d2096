"""``flask --app registry users …``: accounts from the command line.

Passwords are read from a hidden prompt, or from standard input with ``--password-stdin``
(one line), never from the command line where ``ps`` and shell history would keep them.
"""

from __future__ import annotations

import sys

import click
from flask.cli import AppGroup

from registry.auth import services
from registry.auth.models import Role, User
from registry.cli import cli_transaction
from registry.errors import DomainError
from registry.extensions import db

users = AppGroup("users", help="Cuentas de usuario.")

ROLE_CHOICE = click.Choice([role.value for role in Role])
PASSWORD_STDIN = click.option(
    "--password-stdin", is_flag=True, help="Lee la contraseña (una línea) de la entrada estándar."
)


@users.command("create")
@click.option("--email", required=True, help="Correo, que es también el usuario de acceso.")
@click.option("--name", "full_name", required=True, help="Nombre completo.")
@click.option("--role", type=ROLE_CHOICE, default=Role.READER.value, show_default=True)
@PASSWORD_STDIN
def create(email: str, full_name: str, role: str, password_stdin: bool) -> None:
    """Crea una cuenta."""
    password = read_password(password_stdin)
    with cli_transaction():
        user = services.create_user(email, full_name, Role(role), password)
    click.echo(f"Cuenta creada: {user.email} ({user.role.label}).")


@users.command("list")
def list_users() -> None:
    """Lista las cuentas."""
    for user in db.session.scalars(db.select(User).order_by(User.email)):
        state = "activa" if user.active else "desactivada"
        click.echo(f"{user.email}\t{user.full_name}\t{user.role.value}\t{state}")


@users.command("set-role")
@click.argument("email")
@click.argument("role", type=ROLE_CHOICE)
def set_role(email: str, role: str) -> None:
    """Cambia el rol de una cuenta."""
    with cli_transaction():
        user = get_user(email)
        services.set_role(user, Role(role))
    click.echo(f"{user.email}: rol {user.role.label}.")


@users.command("deactivate")
@click.argument("email")
def deactivate(email: str) -> None:
    """Desactiva una cuenta (no se borra) y cierra sus sesiones."""
    with cli_transaction():
        user = get_user(email)
        services.set_active(user, False)
    click.echo(f"{user.email}: cuenta desactivada.")


@users.command("reactivate")
@click.argument("email")
def reactivate(email: str) -> None:
    """Reactiva una cuenta desactivada."""
    with cli_transaction():
        user = get_user(email)
        services.set_active(user, True)
    click.echo(f"{user.email}: cuenta reactivada.")


@users.command("set-password")
@click.argument("email")
@PASSWORD_STDIN
def set_password(email: str, password_stdin: bool) -> None:
    """Cambia la contraseña de una cuenta y cierra sus sesiones."""
    with cli_transaction():
        user = get_user(email)
    password = read_password(password_stdin)
    with cli_transaction():
        services.change_password(user, password)
    click.echo(f"{user.email}: contraseña cambiada.")


def get_user(email: str) -> User:
    user = services.find_by_email(email)
    if user is None:
        raise DomainError(f"No existe una cuenta con el correo {email}.")
    return user


def read_password(from_stdin: bool) -> str:
    if from_stdin or not sys.stdin.isatty():
        password = sys.stdin.readline().rstrip("\r\n")
        if not password:
            raise click.ClickException("No se recibió ninguna contraseña por la entrada estándar.")
        return password
    return click.prompt("Contraseña", hide_input=True, confirmation_prompt="Repita la contraseña")
