from __future__ import annotations

from datetime import UTC, datetime, timedelta

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


ATTACKER = {"REMOTE_ADDR": "203.0.113.9"}
OFFICE = {"REMOTE_ADDR": "198.51.100.7"}


@pytest.fixture
def clock(monkeypatch):
    """The throttle's clock, moved by hand: ``clock.advance(minutes=2)``."""

    class Clock:
        now = datetime.now(UTC)

        def advance(self, **delta) -> None:
            self.now += timedelta(**delta)

    clock = Clock()
    monkeypatch.setattr("registry.auth.throttle.utcnow", lambda: clock.now)
    return clock


def pair(email: str, environ: dict) -> LoginThrottle | None:
    return db.session.get(LoginThrottle, (email, environ["REMOTE_ADDR"]))


def test_fifth_wrong_try_in_a_row_locks_that_address_for_that_account(client, editor, clock):
    for _ in range(4):
        assert log_in(client, editor.email, "equivocada-000").status_code == 200
    response = log_in(client, editor.email, "equivocada-000")
    assert response.status_code == 429
    text = response.get_data(as_text=True)
    assert "Correo o contraseña incorrectos." in text
    assert "Demasiados intentos fallidos" in text and "intente de nuevo después de esa hora" in text
    # Even the right password waits until the lock ends, from the address that failed.
    assert log_in(client, editor.email).status_code == 429
    assert client.get("/").status_code == 302
    clock.advance(minutes=1, seconds=1)
    assert log_in(client, editor.email).status_code == 302


def test_nobody_can_lock_the_user_out_from_another_address(app, editor, clock):
    """Finding 2 of issue 15: an attacker's failures, on the account or on made-up accounts, never
    refuse the user's right password from an address that has not failed for the account."""
    attacker, user = app.test_client(), app.test_client()
    for _ in range(12):
        log_in(attacker, editor.email, "adivinanza-000", environ_base=ATTACKER)
    assert log_in(attacker, editor.email, environ_base=ATTACKER).status_code == 429
    for number in range(40):  # made-up accounts from the user's own office
        log_in(attacker, f"inventada{number}@oaxaca.gob.mx", "x-000000000", environ_base=OFFICE)
    assert log_in(user, editor.email, environ_base=OFFICE).status_code == 302
    assert user.get("/").status_code == 200
    # The attacker's pair is still locked: the user's success forgets only the user's own pair.
    assert log_in(attacker, editor.email, environ_base=ATTACKER).status_code == 429


def test_the_count_starts_again_when_a_lock_ends_and_locks_grow(client, editor, clock):
    def fail():
        return log_in(client, editor.email, "equivocada-000", environ_base=ATTACKER)

    assert [fail().status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    first = pair(editor.email, ATTACKER).locked_until
    assert first == clock.now + timedelta(minutes=1)
    clock.advance(minutes=1, seconds=1)
    # One more wrong password after the lock is just a wrong password, not a new lock.
    assert [fail().status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    assert pair(editor.email, ATTACKER).locked_until == clock.now + timedelta(minutes=2)
    clock.advance(minutes=2, seconds=1)
    assert [fail().status_code for _ in range(5)] == [200, 200, 200, 200, 429]
    assert pair(editor.email, ATTACKER).locked_until == clock.now + timedelta(minutes=4)


def test_right_password_forgets_the_pair(client, editor):
    for _ in range(4):
        log_in(client, editor.email, "equivocada-000")
    assert log_in(client, editor.email).status_code == 302
    assert row_count(LoginThrottle) == 0


@pytest.mark.parametrize("app_config", [{"LOGIN_FORGET_HOURS": 1}])
def test_old_failures_are_forgotten(client, editor, clock):
    for _ in range(4):
        log_in(client, editor.email, "equivocada-000")
    clock.advance(hours=2)
    assert log_in(client, "otra@oaxaca.gob.mx", "equivocada-000").status_code == 200
    assert pair(editor.email, {"REMOTE_ADDR": "127.0.0.1"}) is None
    assert log_in(client, editor.email, "equivocada-000").status_code == 200


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
    assert db.session.get(LoginThrottle, (editor.email, "127.0.0.1")).failures == 1


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
