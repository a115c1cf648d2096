"""Shared pieces of the scale benchmarks: a scratch registry of N synthetic agreements, the bare
baseline app, and interleaved timing.

The baseline is what the issue fixes: a minimal Flask route that runs one SQL query of 50 rows
and renders them in a Jinja table (a template file, compiled once), on the same database. Every
page's time is reported as a ratio to it, measured in the same run, so the figures compare across
machines.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from flask import Flask, render_template

from registry import create_app
from registry.auth.models import Role, User
from registry.extensions import db
from tests.conftest import TEST_PASSWORD_HASH, RegistryClient, base_config, migrate_to_head

TEMPLATES = Path(__file__).with_name("templates")


def baseline_app(database_url: str) -> Flask:
    app = Flask(__name__, template_folder=str(TEMPLATES))
    engine = sa.create_engine(database_url)
    query = sa.text("SELECT folio, title, status FROM agreements ORDER BY id LIMIT 50")

    @app.route("/")
    def table():
        with engine.connect() as connection:
            rows = connection.execute(query).all()
        return render_template("baseline.html", rows=rows)

    app.extensions["baseline_engine"] = engine
    return app


def registry_with(database_url: str, instance: Path, agreements: int, per_agreement: int = 5):
    """A migrated registry app holding ``agreements`` synthetic agreements and a reader."""
    migrate_to_head(database_url, instance)
    app = create_app(base_config(database_url) | {"TESTING": False}, instance_path=instance)
    app.test_client_class = RegistryClient
    with app.app_context():
        from tests.benchmarks.synthetic import fill

        fill(agreements, per_agreement)
        db.session.add(
            User(
                email="lectura@bench.local",
                full_name="Lectura",
                role=Role.READER,
                password_hash=TEST_PASSWORD_HASH,
            )
        )
        db.session.commit()
    return app


@contextmanager
def statement_counter(engine):
    """``with statement_counter(engine) as statements: ...`` then ``len(statements)``."""
    statements: list[str] = []

    def count(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    sa.event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        sa.event.remove(engine, "before_cursor_execute", count)


def median_times(calls: dict[str, Callable[[], int]], rounds: int) -> dict[str, float]:
    """Median seconds per call, the calls interleaved round by round so drift hits all alike."""
    for call in calls.values():  # warm caches, compile templates
        for _ in range(3):
            call()
    samples: dict[str, list[float]] = {name: [] for name in calls}
    for _ in range(rounds):
        for name, call in calls.items():
            start = time.perf_counter()
            status = call()
            samples[name].append(time.perf_counter() - start)
            assert status == 200, (name, status)
    return {name: statistics.median(values) for name, values in samples.items()}
