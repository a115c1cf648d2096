from __future__ import annotations

import re

from registry.audit.models import AuditEvent
from registry.auth.models import Role, User
from registry.extensions import db
from tests.conftest import row_count
from tests.forms import submit_form


def user_by_email(email: str) -> User | None:
    return db.session.scalar(db.select(User).where(User.email == email))


def test_admin_lists_users(admin_client, editor, reader):
    page = admin_client.get("/admin/usuarios/").get_data(as_text=True)
    assert "Sara Editora" in page and "Martín Lector" in page and "Edición" in page


def test_admin_creates_a_user_through_the_real_form(admin_client):
    response = submit_form(
        admin_client,
        "/admin/usuarios/nuevo",
        {
            "full_name": "Sara Mariana Jara Carrasco",
            "email": "sara.jara@oaxaca.gob.mx",
            "role": "editor",
            "password": "una-contraseña-inicial",
            "active": "y",
        },
    )
    assert response.status_code == 302
    user = user_by_email("sara.jara@oaxaca.gob.mx")
    assert user.role == Role.EDITOR and user.active
    assert user.check_password("una-contraseña-inicial")
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "create"))
    assert event.entity == "users" and event.after["email"] == "sara.jara@oaxaca.gob.mx"
    assert "password_hash" not in event.after and "session_token" not in event.after


def test_duplicate_email_is_a_field_error(admin_client, editor):
    response = admin_client.post(
        "/admin/usuarios/nuevo",
        data={
            "full_name": "Otra",
            "email": editor.email.upper(),
            "role": "reader",
            "password": "una-contraseña-inicial",
        },
    )
    assert response.status_code == 200
    assert "Ya existe una cuenta con el correo" in response.get_data(as_text=True)
    assert row_count(User) == 2


def test_invalid_form_shows_spanish_field_errors(admin_client):
    response = admin_client.post(
        "/admin/usuarios/nuevo",
        data={"full_name": "", "email": "no-es-correo", "role": "reader", "password": "corta"},
    )
    text = response.get_data(as_text=True)
    assert "Este campo es obligatorio." in text
    assert "Escriba un correo electrónico válido" in text
    assert 'aria-invalid="true"' in text
    assert row_count(User) == 1


def test_admin_edits_role(admin_client, reader):
    response = admin_client.post(
        f"/admin/usuarios/{reader.id}/editar",
        data={
            "full_name": reader.full_name,
            "email": reader.email,
            "role": "editor",
            "active": "y",
        },
    )
    assert response.status_code == 302
    assert db.session.get(User, reader.id).role == Role.EDITOR
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "update"))
    assert event.before == {"role": "reader"} and event.after == {"role": "editor"}


def test_deactivation_ends_the_users_sessions(app, admin_client, editor):
    editor_client = app.test_client().login_as(editor)
    assert editor_client.get("/").status_code == 200
    assert admin_client.post(f"/admin/usuarios/{editor.id}/desactivar").status_code == 302
    assert not db.session.get(User, editor.id).active
    assert editor_client.get("/").status_code == 302


def test_the_last_admin_cannot_be_deactivated(admin_client, admin):
    response = admin_client.post(f"/admin/usuarios/{admin.id}/desactivar", follow_redirects=True)
    text = response.get_data(as_text=True)
    assert "Debe quedar al menos una cuenta de administración activa." in text
    assert db.session.get(User, admin.id).active


def test_missing_user_is_404(admin_client):
    response = admin_client.get("/admin/usuarios/999/editar")
    assert response.status_code == 404
    assert "Página no encontrada" in response.get_data(as_text=True)


def test_forced_reset_shows_a_temporary_password_once_and_ends_sessions(app, admin_client, editor):
    editor_client = app.test_client().login_as(editor)
    assert editor_client.get("/").status_code == 200
    page = submit_form(admin_client, f"/admin/usuarios/{editor.id}/restablecer", {})
    temporary = re.search(r"<code[^>]*>([^<]+)</code>", page.get_data(as_text=True))[1]
    user = db.session.get(User, editor.id)
    assert user.must_change_password and user.check_password(temporary)
    assert editor_client.get("/").status_code == 302  # the old session ended
    assert db.session.scalar(
        db.select(AuditEvent).where(AuditEvent.action == "password_reset")
    ).entity_id == str(editor.id)


def test_user_with_a_temporary_password_must_change_it_first(app, admin_client, editor):
    page = submit_form(admin_client, f"/admin/usuarios/{editor.id}/restablecer", {})
    temporary = re.search(r"<code[^>]*>([^<]+)</code>", page.get_data(as_text=True))[1]
    client = app.test_client()
    client.post("/entrar", data={"email": editor.email, "password": temporary})
    response = client.get("/")
    assert response.status_code == 302 and response.headers["Location"] == "/cuenta/contrasena"
    changed = client.post(
        "/cuenta/contrasena",
        data={
            "current_password": temporary,
            "password": "mi nueva clave de trabajo",
            "confirm": "mi nueva clave de trabajo",
        },
    )
    assert changed.status_code == 302
    assert client.get("/").status_code == 200
    assert not db.session.get(User, editor.id).must_change_password
