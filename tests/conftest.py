"""Fixtures shared by the whole suite.

The suite runs on SQLite unless ``REGISTRY_TEST_DATABASE_URL`` names a PostgreSQL server URL (any
existing database on it, e.g. ``postgresql+psycopg://postgres@127.0.0.1:5432/test``): then each
test session (each xdist worker) creates a fresh database on that server, migrates it, and drops
it at the end. Either way the schema comes from the Alembic migrations, and every test starts
with empty tables. CSRF protection stays on: the client below signs a token into each POST.
"""

from __future__ import annotations

import contextvars
import os
import secrets
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import sqlalchemy as sa
from flask import has_app_context
from flask.testing import FlaskClient, FlaskCliRunner
from itsdangerous import URLSafeTimedSerializer
from werkzeug.security import generate_password_hash

from registry import create_app
from registry.auth.models import Role, User
from registry.extensions import db
from registry.reference import ensure_reference_data

DATABASE_URL_ENV = "REGISTRY_TEST_DATABASE_URL"
#: The small real data the suite reads (the seed reports, an extract of INEGI's layer).
DATA_DIR = Path(__file__).resolve().parent / "data"
#: Names the directory holding INEGI's whole layer (``inegi/20mun.zip``: 570 Oaxaca municipalities).
WHOLE_LAYER_ENV = "REGISTRY_SHARED_GEO"

#: Every test account's password. Hashed once, cheaply: scrypt per user would slow the suite.
TEST_PASSWORD = "contraseña-de-prueba-larga"
TEST_PASSWORD_HASH = generate_password_hash(TEST_PASSWORD, method="pbkdf2:sha256:1000")


# Databases -------------------------------------------------------------------------------------


def server_url() -> str | None:
    return os.environ.get(DATABASE_URL_ENV) or None


@contextmanager
def fresh_database(
    tmp_dir: Path, name_hint: str = "registry", server: str | None = None
) -> Iterator[str]:
    """A new, empty database: a SQLite file, or a new database on the PostgreSQL server
    (``server``, else the one ``REGISTRY_TEST_DATABASE_URL`` names)."""
    url = server or server_url()
    if url is None:
        yield f"sqlite:///{tmp_dir / f'{name_hint}.sqlite3'}"
        return
    admin_url = sa.make_url(url)
    name = f"{name_hint}_{uuid.uuid4().hex[:10]}"
    engine = sa.create_engine(admin_url, isolation_level="AUTOCOMMIT", poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as connection:
            connection.execute(sa.text(f'CREATE DATABASE "{name}"'))
    except sa.exc.OperationalError as error:
        engine.dispose()
        pytest.exit(f"PostgreSQL no responde en {admin_url!r}: {error.orig}", returncode=3)
    try:
        yield admin_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with engine.connect() as connection:
            connection.execute(sa.text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        engine.dispose()


def migrate_to_head(database_url: str, instance: Path) -> None:
    from flask_migrate import upgrade

    app = create_app(base_config(database_url), instance_path=instance)
    with app.app_context():
        upgrade()
        db.engine.dispose()


def base_config(database_url: str) -> dict:
    return {
        "TESTING": True,
        "SECRET_KEY": "clave-solo-para-pruebas",
        "SQLALCHEMY_DATABASE_URI": database_url,
    }


@pytest.fixture(scope="session")
def database_url(tmp_path_factory) -> Iterator[str]:
    """The session's database, migrated to the latest revision (reference data included)."""
    tmp = tmp_path_factory.mktemp("database")
    with fresh_database(tmp, "registry_test") as url:
        migrate_to_head(url, tmp / "instance")
        yield url


def reset_database() -> None:
    """Back to a just-migrated database: every table empty but for the reference data."""
    tables = list(reversed(db.metadata.sorted_tables))
    if db.engine.dialect.name == "postgresql":
        names = ", ".join(f'"{table.name}"' for table in tables)
        db.session.execute(sa.text(f"TRUNCATE {names} RESTART IDENTITY CASCADE"))
    else:
        for table in tables:
            db.session.execute(table.delete())
    ensure_reference_data(db.session.connection())
    db.session.commit()


# The app and its clients -----------------------------------------------------------------------


def isolated(call, *args, **kwargs):
    """Run ``call`` as a separate request/command would: its own app context and DB session.

    The test itself holds an app context (so it can query); without this, Flask would reuse it
    for the request, sharing ``g`` and the SQLAlchemy session between the test and the request
    and hiding bugs. Afterwards the test's session is expired so it reads what was committed.
    """
    result = contextvars.Context().run(call, *args, **kwargs)
    if has_app_context():  # not so inside a redirect the client follows
        db.session.expire_all()
    return result


class RegistryClient(FlaskClient):
    """A test client whose requests run isolated and whose form POSTs carry a valid CSRF token.

    The token is made the way Flask-WTF makes it: a random value kept in the session, signed with
    the app's secret key. Pass ``csrf=False`` to send a POST without one.
    """

    def open(self, *args, csrf: bool = True, **kwargs):
        method = kwargs.get("method", "GET").upper()
        data = kwargs.get("data")
        unsafe = method not in ("GET", "HEAD", "OPTIONS")
        if csrf and unsafe and (data is None or isinstance(data, dict)):
            data = dict(data or {})
            data.setdefault("csrf_token", self.csrf_token())
            kwargs["data"] = data
        return isolated(super().open, *args, **kwargs)

    def csrf_token(self) -> str:
        with self.session_transaction() as session:
            raw = session.setdefault("csrf_token", secrets.token_hex(20))
        signer = URLSafeTimedSerializer(self.application.secret_key, salt="wtf-csrf-token")
        return signer.dumps(raw)

    def login_as(self, user: User) -> RegistryClient:
        """Sign in without the login form (the login tests use the real form)."""
        with self.session_transaction() as session:
            session["_user_id"] = user.session_token
            session["_fresh"] = True
        return self


class RegistryCliRunner(FlaskCliRunner):
    """Runs each command in its own app context, as ``flask --app registry …`` would."""

    def invoke(self, *args, **kwargs):
        return isolated(super().invoke, *args, **kwargs)


@pytest.fixture
def app_config() -> dict:
    """Override in a module or test to change the app's configuration."""
    return {}


@pytest.fixture
def app(database_url, tmp_path, app_config):
    app = create_app(
        {**base_config(database_url), "UPLOAD_FOLDER": str(tmp_path / "uploads"), **app_config},
        instance_path=tmp_path / "instance",
    )
    app.test_client_class = RegistryClient
    app.test_cli_runner_class = RegistryCliRunner
    with app.app_context():
        yield app
        db.session.remove()
        reset_database()
        db.engine.dispose()


@pytest.fixture
def client(app) -> RegistryClient:
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


# Accounts --------------------------------------------------------------------------------------


@pytest.fixture
def make_user(app):
    """Create (and commit) a user: ``make_user(Role.EDITOR, email=..., active=...)``."""
    counter = iter(range(1, 10_000))

    def make(role: Role = Role.READER, email: str | None = None, **fields) -> User:
        number = next(counter)
        user = User(
            email=email or f"{role.value}{number}@oaxaca.gob.mx",
            full_name=fields.pop("full_name", f"Persona de prueba {number} ({role.label})"),
            role=role,
            password_hash=TEST_PASSWORD_HASH,
            **fields,
        )
        db.session.add(user)
        db.session.commit()
        return user

    return make


@pytest.fixture
def admin(make_user) -> User:
    return make_user(Role.ADMIN, email="admin@oaxaca.gob.mx", full_name="Administración")


@pytest.fixture
def editor(make_user) -> User:
    return make_user(Role.EDITOR, email="editora@oaxaca.gob.mx", full_name="Sara Editora")


@pytest.fixture
def reader(make_user) -> User:
    return make_user(Role.READER, email="lector@oaxaca.gob.mx", full_name="Martín Lector")


@pytest.fixture
def admin_client(client, admin) -> RegistryClient:
    return client.login_as(admin)


@pytest.fixture
def editor_client(client, editor) -> RegistryClient:
    return client.login_as(editor)


@pytest.fixture
def reader_client(client, reader) -> RegistryClient:
    return client.login_as(reader)


@pytest.fixture
def new_worker(database_url, tmp_path):
    """``new_worker(name)``: another app instance on the test's database (its own engine,
    session and process state), as another gunicorn worker or host would be."""
    made = []

    def make(name: str):
        worker = create_app(base_config(database_url), instance_path=tmp_path / f"worker-{name}")
        made.append(worker)
        return worker

    yield make
    for worker in made:
        with worker.app_context():
            db.engine.dispose()


def in_worker(worker, call, *args, **kwargs):
    """Run ``call`` inside ``worker`` as a request of its own would (its own app context and
    session); the test's session is then expired, so it reads what the worker committed."""

    def run():
        with worker.app_context():
            return call(*args, **kwargs)

    return isolated(run)


@pytest.fixture(scope="session")
def live_server(database_url, tmp_path_factory) -> Iterator[str]:
    """The app under gunicorn (1 worker, 4 threads) over the session's database; its base URL.
    Tests create their data through the ``app`` fixture and commit it; the server sees it."""
    from tests.live_server import gunicorn

    instance = tmp_path_factory.mktemp("live-instance")
    log = tmp_path_factory.getbasetemp() / "gunicorn-live.log"
    with gunicorn(database_url, instance, log, workers=1, threads=4) as port:
        yield f"http://127.0.0.1:{port}"


# Measuring -------------------------------------------------------------------------------------


class QueryCounter:
    def __init__(self) -> None:
        self.statements: list[str] = []

    @property
    def count(self) -> int:
        return len(self.statements)

    def __call__(self, conn, cursor, statement, parameters, context, executemany) -> None:
        self.statements.append(statement)


@pytest.fixture
def count_queries(app):
    """``with count_queries() as counter: ...`` then ``counter.count`` SQL statements ran."""

    @contextmanager
    def counting() -> Iterator[QueryCounter]:
        counter = QueryCounter()
        sa.event.listen(db.engine, "before_cursor_execute", counter)
        try:
            yield counter
        finally:
            sa.event.remove(db.engine, "before_cursor_execute", counter)

    return counting


def row_count(model) -> int:
    """How many rows ``model``'s table holds (a fresh query, outside any cached state)."""
    return db.session.scalar(sa.select(sa.func.count()).select_from(model))


@pytest.fixture(scope="session")
def whole_inegi_layer() -> Path:
    """INEGI's whole Oaxaca layer (``inegi/20mun.zip`` …) in the directory ``REGISTRY_SHARED_GEO``
    names; tests that need it skip, saying why, without it."""
    named = os.environ.get(WHOLE_LAYER_ENV)
    if not named:
        pytest.skip(
            f"sin {WHOLE_LAYER_ENV}: la capa completa del INEGI, 570 municipios, no está en el "
            "repositorio"
        )
    if not (Path(named) / "inegi" / "20mun.zip").is_file():
        pytest.skip(f"{WHOLE_LAYER_ENV}={named} no contiene inegi/20mun.zip")
    return Path(named)
