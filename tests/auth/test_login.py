from __future__ import annotations

import pytest

from registry.audit.models import AuditEvent
from registry.auth.models import LoginThrottle
from registry.extensions import db
from tests.conftest import TEST_PASSWORD, row_count
from tests.forms import submit_form


def log_in(client, email, password=TEST_PASSWORD, **kwargs):
    return client.post("/entrar", data={"email": email, "password": password}, **kwargs)


def test_login_page_is_spanish(client):
    page = client.get("/entrar").get_data(as_text=True)
    assert 'lang="es-MX"' in page
    assert "Iniciar sesión" in page and "Contraseña" in page


def test_right_password_logs_in_through_the_real_form(client, editor):
    response = submit_form(client, "/entrar", {"email": editor.email, "password": TEST_PASSWORD})
    assert response.status_code == 302
    dashboard = client.get("/")
    assert dashboard.status_code == 200
    assert "Tablero" in dashboard.get_data(as_text=True)
    login = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "login"))
    assert login.user_id == editor.id


def test_email_is_not_case_sensitive(client, editor):
    assert log_in(client, "  EDITORA@Oaxaca.gob.mx ").status_code == 302


def test_wrong_password_fails_with_a_spanish_message(client, editor):
    response = log_in(client, editor.email, "no-es-la-contraseña")
    assert response.status_code == 200
    assert "Correo o contraseña incorrectos." in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_unknown_email_gets_the_same_message(client):
    response = log_in(client, "nadie@oaxaca.gob.mx", "lo-que-sea-123")
    assert "Correo o contraseña incorrectos." in response.get_data(as_text=True)


def test_sixth_wrong_try_in_a_row_is_throttled(client, editor):
    for _ in range(5):
        assert log_in(client, editor.email, "equivocada-000").status_code == 200
    response = log_in(client, editor.email, "equivocada-000")
    assert response.status_code == 429
    text = response.get_data(as_text=True)
    assert "Demasiados intentos fallidos" in text and "intente de nuevo después de esa hora" in text
    # Even the right password waits until the lock ends.
    assert log_in(client, editor.email).status_code == 429
    assert client.get("/").status_code == 302


def test_right_password_resets_the_count(client, editor):
    for _ in range(4):
        log_in(client, editor.email, "equivocada-000")
    assert log_in(client, editor.email).status_code == 302
    assert db.session.get(LoginThrottle, f"account:{editor.email}") is None


@pytest.mark.parametrize("app_config", [{"LOGIN_MAX_FAILURES_PER_ADDRESS": 3}])
def test_one_address_trying_many_accounts_is_throttled(client, make_user):
    for number in range(3):
        log_in(client, f"persona{number}@oaxaca.gob.mx", "equivocada-000")
    victim = make_user(email="otra@oaxaca.gob.mx")
    assert log_in(client, victim.email).status_code == 429


def test_deactivated_user_cannot_log_in(client, make_user):
    user = make_user(active=False)
    response = log_in(client, user.email)
    assert response.status_code == 200
    assert "Esta cuenta está desactivada" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_login_starts_a_new_session(client, editor):
    with client.session_transaction() as session:
        session["planted"] = "fixation"
    log_in(client, editor.email)
    with client.session_transaction() as session:
        assert "planted" not in session
        assert session["_user_id"] == editor.session_token


@pytest.mark.parametrize(
    ("next_url", "expected"),
    [
        ("/admin/", "/admin/"),
        ("https://malo.example/", "/"),
        ("//malo.example/", "/"),
        ("/\\malo.example", "/"),
    ],
)
def test_login_only_follows_local_next_urls(client, admin, next_url, expected):
    response = client.post(
        "/entrar",
        query_string={"next": next_url},
        data={"email": admin.email, "password": TEST_PASSWORD},
    )
    assert response.headers["Location"] == expected


def test_logout_needs_post_and_ends_the_session(editor_client):
    assert editor_client.get("/salir").status_code == 405
    response = editor_client.post("/salir", follow_redirects=True)
    assert "Sesión cerrada." in response.get_data(as_text=True)
    assert editor_client.get("/").status_code == 302


def test_a_session_cookie_copied_before_logout_is_dead_after_it(app, client, editor):
    """Finding 1 of issue 15: logging out must end the session on the server, not only drop the
    cookie from this browser."""
    assert log_in(client, editor.email).status_code == 302
    thief = app.test_client()
    thief.set_cookie("session", client.get_cookie("session").value)
    assert thief.get("/").status_code == 200
    assert client.post("/salir").status_code == 302
    response = thief.get("/")
    assert response.status_code == 302 and response.headers["Location"].startswith("/entrar")
    write = thief.post("/contrapartes/nueva", data={"name": "Contraparte de quien robó la cookie"})
    assert write.status_code == 302 and write.headers["Location"].startswith("/entrar")
    actions = db.session.scalars(db.select(AuditEvent.action).order_by(AuditEvent.id)).all()
    assert actions == ["login", "logout"]
    # Signing in again works, with a new session.
    assert log_in(client, editor.email).status_code == 302
    assert client.get("/").status_code == 200


def test_failed_logins_are_counted_not_audited_as_logins(client, editor):
    log_in(client, editor.email, "equivocada-000")
    assert row_count(AuditEvent) == 0
    assert db.session.get(LoginThrottle, f"account:{editor.email}").failures == 1


def test_password_change_ends_other_sessions(app, editor):
    first, second = app.test_client(), app.test_client()
    first.login_as(editor)
    second.login_as(editor)
    response = first.post(
        "/cuenta/contrasena",
        data={
            "current_password": TEST_PASSWORD,
            "password": "una-nueva-contraseña-larga",
            "confirm": "una-nueva-contraseña-larga",
        },
    )
    assert response.status_code == 302
    assert first.get("/").status_code == 200
    assert second.get("/").status_code == 302


def test_password_change_refuses_a_short_password(editor_client, editor):
    old_hash = editor.password_hash
    response = editor_client.post(
        "/cuenta/contrasena",
        data={"current_password": TEST_PASSWORD, "password": "corta", "confirm": "corta"},
    )
    assert "al menos 12 caracteres" in response.get_data(as_text=True)
    assert editor.password_hash == old_hash
