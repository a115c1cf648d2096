from __future__ import annotations

import re

from registry.auth.models import Role, User
from registry.extensions import db
from tests.conftest import row_count


def user(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == email))


def test_create_reads_the_password_from_stdin(runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "Ana@Oaxaca.gob.mx",
            "--name",
            "Ana Pérez",
            "--role",
            "editor",
        ],
        input="una-contraseña-segura\n",
    )
    assert result.exit_code == 0, result.output
    created = user("ana@oaxaca.gob.mx")
    assert created.role == Role.EDITOR and created.check_password("una-contraseña-segura")
    assert "una-contraseña-segura" not in result.output


def test_password_is_never_taken_from_argv(runner):
    result = runner.invoke(
        args=[
            "users",
            "create",
            "--email",
            "a@b.mx",
            "--name",
            "A",
            "--password",
            "una-contraseña-segura",
        ]
    )
    assert result.exit_code != 0
    assert row_count(User) == 0


def test_short_password_fails_with_one_line_and_writes_nothing(runner):
    result = runner.invoke(
        args=["users", "create", "--email", "a@b.mx", "--name", "A"], input="corta\n"
    )
    assert result.exit_code == 1
    assert result.output.strip() == "Error: La contraseña debe tener al menos 12 caracteres."
    assert row_count(User) == 0


def test_list_set_role_and_deactivate(runner, make_user):
    make_user(Role.ADMIN, email="jefa@oaxaca.gob.mx")
    make_user(Role.READER, email="lector@oaxaca.gob.mx")
    result = runner.invoke(args=["users", "set-role", "lector@oaxaca.gob.mx", "editor"])
    assert result.exit_code == 0
    assert user("lector@oaxaca.gob.mx").role == Role.EDITOR
    assert runner.invoke(args=["users", "deactivate", "lector@oaxaca.gob.mx"]).exit_code == 0
    assert not user("lector@oaxaca.gob.mx").active
    listing = runner.invoke(args=["users", "list"]).output
    assert "lector@oaxaca.gob.mx\t" in listing and "desactivada" in listing


def test_unknown_account_is_one_error_line(runner):
    result = runner.invoke(args=["users", "deactivate", "nadie@oaxaca.gob.mx"])
    assert result.exit_code == 1
    assert result.output.strip() == "Error: No existe una cuenta con el correo nadie@oaxaca.gob.mx."


def test_setup_creates_one_admin_with_a_random_password_once(runner):
    first = runner.invoke(args=["setup", "--admin-email", "Ana.Perez@Oaxaca.gob.mx"])
    assert first.exit_code == 0, first.output
    password = first.output.split("Contraseña:")[1].split()[0]
    admin = user("ana.perez@oaxaca.gob.mx")
    assert admin.role == Role.ADMIN and admin.check_password(password) and len(password) >= 12
    second = runner.invoke(args=["setup", "--admin-email", "otra@oaxaca.gob.mx"])
    assert "Contraseña:" not in second.output and row_count(User) == 1
    assert "ana.perez@oaxaca.gob.mx" in second.output
    other = runner.invoke(args=["setup"]).output
    assert password not in other


def test_setup_takes_the_admin_address_from_the_environment(runner):
    result = runner.invoke(args=["setup"], env={"ADMIN_EMAIL": "jefa@oaxaca.gob.mx"})
    assert result.exit_code == 0, result.output
    assert user("jefa@oaxaca.gob.mx").role == Role.ADMIN


def test_unattended_setup_gives_the_admin_an_address_nobody_can_guess(runner):
    """Finding 2 of issue 15: ``admin@registro.local`` was every instance's admin."""
    first = runner.invoke(args=["setup"], env={"ADMIN_EMAIL": ""})
    assert first.exit_code == 0, first.output
    email = first.output.split("Usuario:")[1].split()[0]
    assert re.fullmatch(r"admin-[0-9a-f]{8}@registro\.local", email)
    assert db.session.scalar(db.select(User.email)) == email


def test_setup_refuses_something_that_is_not_an_address(runner):
    result = runner.invoke(args=["setup", "--admin-email", "administración"])
    assert result.exit_code == 1
    assert "no es un correo electrónico" in result.output and row_count(User) == 0
