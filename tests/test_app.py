"""The app factory, configuration order, and the SQLite settings."""

from __future__ import annotations

import os
import re
import stat
from datetime import date

import pytest
import sqlalchemy as sa

from registry import create_app
from registry.config import normalize_database_url
from registry.extensions import db
from registry.filters import fecha


def test_config_order_defaults_instance_env_test(tmp_path, monkeypatch):
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "config.py").write_text(
        "ITEMS_PER_PAGE = 10\nUPLOAD_FOLDER = '/srv/subidas'\nSECRET_KEY = 'de-instancia'\n"
    )
    monkeypatch.setenv("UPLOAD_FOLDER", "/srv/desde-entorno")
    monkeypatch.setenv("REGISTRY_ITEMS_PER_PAGE", "40")
    app = create_app({"SECRET_KEY": "de-prueba"}, instance_path=instance)
    assert app.config["UPLOAD_FOLDER"] == "/srv/desde-entorno"
    assert app.config["ITEMS_PER_PAGE"] == 40
    assert app.config["SECRET_KEY"] == "de-prueba"
    assert app.config["SQLALCHEMY_DATABASE_URI"] == f"sqlite:///{instance / 'registry.sqlite3'}"


def test_secret_key_is_generated_once_private_and_never_printed(tmp_path, monkeypatch, capsys):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    instance = tmp_path / "instance"
    first = create_app(instance_path=instance)
    second = create_app(instance_path=instance)
    key_file = instance / "secret_key"
    assert first.config["SECRET_KEY"] == second.config["SECRET_KEY"] == key_file.read_text()
    assert len(first.config["SECRET_KEY"]) == 64
    assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    captured = capsys.readouterr()
    assert first.config["SECRET_KEY"] not in captured.out + captured.err


def test_https_makes_cookies_secure(tmp_path):
    app = create_app({"HTTPS": True, "SECRET_KEY": "x"}, instance_path=tmp_path)
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["SESSION_COOKIE_HTTPONLY"]
    assert app.config["SESSION_COOKIE_SAMESITE"] == "Lax"


@pytest.mark.parametrize("url", ["postgres://u@h/db", "postgresql://u@h/db"])
def test_postgres_urls_use_psycopg3(url):
    assert normalize_database_url(url) == "postgresql+psycopg://u@h/db"


def test_sqlite_runs_with_wal_foreign_keys_and_busy_timeout(app):
    if db.engine.dialect.name != "sqlite":
        pytest.skip("solo aplica a SQLite")
    with db.engine.connect() as connection:
        pragma = lambda name: connection.exec_driver_sql(f"PRAGMA {name}").scalar()  # noqa: E731
        assert pragma("journal_mode") == "wal"
        assert pragma("foreign_keys") == 1
        assert pragma("busy_timeout") >= 5000


def test_foreign_keys_are_enforced(app):
    with pytest.raises(sa.exc.IntegrityError):
        db.session.execute(
            sa.text(
                "INSERT INTO audit_events (occurred_at, user_id, actor, entity, action) "
                "VALUES (CURRENT_TIMESTAMP, 999, 'x', 'x', 'x')"
            )
        )
        db.session.flush()
    db.session.rollback()


def test_dates_read_as_in_mexico(app):
    with app.test_request_context():
        assert fecha(date(2025, 4, 7)) == "7 de abril de 2025"


def test_dashboard_is_spanish_with_the_navigation(reader_client):
    page = reader_client.get("/").get_data(as_text=True)
    assert "<h1" in page and "Tablero" in page and "Cerrar sesión" in page
    assert "Administración" not in page  # readers do not see the admin menu


def test_admin_sees_the_administration_menu(admin_client):
    page = admin_client.get("/").get_data(as_text=True)
    assert 'href="/admin/"' in page
    assert "Cuentas de usuario" in admin_client.get("/admin/").get_data(as_text=True)


def test_pages_load_no_asset_from_another_host(client, reader_client):
    for page in (client.get("/entrar"), reader_client.get("/")):
        html = page.get_data(as_text=True)
        for url in re.findall(r'(?:src|href)="([^"]+)"', html):
            assert not re.match(r"^(https?:)?//", url), url


def test_bootstrap_is_served_by_the_app(client):
    html = client.get("/entrar").get_data(as_text=True)
    css = re.search(r'href="([^"]*bootstrap[^"]*\.css\?v=\w+)"', html).group(1)
    with client.get(css) as response:
        assert response.status_code == 200
        assert response.mimetype == "text/css"


def test_unexpected_error_is_a_spanish_500_and_rolls_back(app, client, reader):
    @app.route("/_explota")
    def explode():
        raise RuntimeError("boom")

    client.login_as(reader)
    response = client.get("/_explota")
    assert response.status_code == 500
    assert "no se guardó ningún cambio" in response.get_data(as_text=True)


@pytest.mark.parametrize(
    "path",
    ["/archivos/99999999999999", "/admin/usuarios/99999999999/editar", "/admin/usuarios/0/editar"],
)
def test_ids_out_of_range_are_404_not_a_database_error(admin_client, path):
    assert admin_client.get(path).status_code == 404


def test_dates_of_instants_are_oaxaca_calendar_days(app):
    from datetime import UTC, datetime

    from registry.filters import fecha, fecha_corta, fecha_hora

    late_evening = datetime(2025, 4, 8, 3, 30, tzinfo=UTC)  # 7 April, 21:30 in Oaxaca
    with app.test_request_context():
        assert fecha(late_evening) == "7 de abril de 2025"
        assert fecha_corta(late_evening) == "07/04/2025"
        assert fecha_hora(late_evening) == "7 de abril de 2025, 21:30"
        assert fecha("2025-12-01") == "1 de diciembre de 2025"
        assert fecha(None) == fecha_corta("") == fecha_hora(None) == ""
