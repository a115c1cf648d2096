"""Faults: concurrent writers, a failing request, lost database connections."""

from __future__ import annotations

import threading

import pytest
import sqlalchemy as sa

from registry.extensions import db
from registry.topics.models import Topic
from tests.conftest import isolated, row_count


def test_an_exception_mid_request_leaves_no_half_written_rows(app, client, editor):
    @app.route("/_falla", methods=["POST"])
    def half_write():
        db.session.add(Topic(name="Escrito a medias"))
        db.session.flush()  # the row reached the database inside the transaction …
        raise RuntimeError("falla a mitad de la operación")  # … and then the request failed

    topics = row_count(Topic)
    response = client.login_as(editor).post("/_falla")
    assert response.status_code == 500
    assert row_count(Topic) == topics
    assert db.session.scalar(sa.select(Topic).where(Topic.name == "Escrito a medias")) is None


def test_two_writers_at_once_both_succeed(app):
    """SQLite: WAL and the busy timeout make a second writer wait instead of failing."""
    errors: list[BaseException] = []
    start = threading.Barrier(2)

    def writer(number: int) -> None:
        try:
            with app.app_context():
                start.wait()
                for index in range(25):
                    db.session.add(Topic(name=f"Tema concurrente {number}-{index}"))
                    db.session.commit()
                db.session.remove()
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    before = row_count(Topic)
    threads = [threading.Thread(target=isolated, args=(writer, n)) for n in (1, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert row_count(Topic) == before + 50


def test_requests_survive_lost_database_connections(app, reader_client):
    """PostgreSQL: after the server drops every connection (as in a restart), the next request
    gets a fresh one (pool_pre_ping) instead of failing."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("solo aplica a PostgreSQL")
    assert reader_client.get("/").status_code == 200
    db.session.close()  # the test's own session must not hold a connection that gets killed
    database = db.engine.url.database
    admin = sa.create_engine(db.engine.url, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        dropped = connection.execute(
            sa.text(
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                "WHERE datname = :name AND pid <> pg_backend_pid()"
            ),
            {"name": database},
        ).scalar()
    admin.dispose()
    assert dropped >= 1
    for _ in range(5):
        assert reader_client.get("/").status_code == 200


def test_a_database_that_does_not_answer_is_a_spanish_503(app, client, reader):
    @app.route("/_sin_base")
    def no_database():
        raise sa.exc.OperationalError("SELECT 1", {}, Exception("server closed the connection"))

    response = client.login_as(reader).get("/_sin_base")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "5"
    assert "no se guardó ningún cambio" in response.get_data(as_text=True)


def test_the_503_page_shows_even_when_the_user_cannot_be_loaded(app, client, reader, monkeypatch):
    """In an outage the first query of a request is the signed-in user's: that fails too."""
    from registry.extensions import login_manager

    def unreachable(_token):
        raise sa.exc.OperationalError("SELECT users", {}, Exception("connection refused"))

    monkeypatch.setattr(login_manager, "_user_callback", unreachable)
    response = client.login_as(reader).get("/")
    assert response.status_code == 503
    assert "Servicio no disponible por un momento" in response.get_data(as_text=True)


def test_a_csrf_failure_while_the_database_is_down_is_a_spanish_page(
    app, client, reader, monkeypatch
):
    """Issue 15, point 10: the CSRF error page needed the signed-in user, a query; with the
    database down it became gunicorn's bare English 500."""
    from registry.extensions import login_manager

    def unreachable(_token):
        raise sa.exc.OperationalError("SELECT users", {}, Exception("connection refused"))

    monkeypatch.setattr(login_manager, "_user_callback", unreachable)
    response = client.login_as(reader).post("/salir", csrf=False)
    assert response.status_code == 400
    assert "El formulario caducó" in response.get_data(as_text=True)
    assert "Internal Server Error" not in response.get_data(as_text=True)
