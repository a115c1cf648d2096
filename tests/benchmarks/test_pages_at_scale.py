"""Page speed at 1,000 and 100,000 agreements (5 meetings each), as ratios to a bare baseline.

Run on demand: ``make bench`` (SQLite) or with REGISTRY_TEST_DATABASE_URL for PostgreSQL. Filling
100,000 agreements takes a minute or two. Targets (issue 20): lists, detail and dashboard within
8× the baseline, the map within 10×, and each page at 100,000 agreements within 1.5× its time at
1,000. The figures are printed and written to test-artifacts/benchmarks-<backend>.json.

No page is kept between requests: every request draws its page, as the first look after a change
does. The reports (JSON, XLSX) have no ratio target; their time and statements are printed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from registry.agreements.models import Agreement
from registry.auth.models import User
from registry.extensions import db
from tests.benchmarks.scale import baseline_app, median_times, registry_with, statement_counter
from tests.conftest import fresh_database, isolated

#: REGISTRY_BENCH_SIZES=1000,10000 for a quicker run.
SIZES = tuple(int(n) for n in os.environ.get("REGISTRY_BENCH_SIZES", "1000,100000").split(","))
ROUNDS = 25
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
#: (label, path or callable(app) → path, ratio target or None)
PAGES = [
    ("Tablero", "/", 8),
    ("Instrumentos, 1.ª página", "/instrumentos/", 8),
    ("Instrumentos, filtrada", "/instrumentos/?status=firmado&kind=alianza", 8),
    ("Instrumentos, página 200", "deep-page", 8),
    ("Instrumento, detalle", "detail", 8),
    ("Reuniones, 1.ª página", "/reuniones/", 8),
    ("Mapa", "/mapa/", 10),
    ("Informe trimestral, JSON", "/informes/trimestral.json?anio=2025&trimestre=2", None),
    ("Informe trimestral, XLSX", "/informes/trimestral.xlsx?anio=2025&trimestre=2", None),
]
RESULTS: dict[int, dict] = {}


def resolve(app, path: str) -> str | None:
    with app.app_context():
        if path == "detail":
            middle = db.session.scalar(sa.select(sa.func.max(Agreement.id))) // 2
            return f"/instrumentos/{middle}"
        if path == "deep-page":
            pages = -(-db.session.scalar(sa.select(sa.func.count(Agreement.id))) // 25)
            return f"/instrumentos/?page={min(200, pages)}"
    return path


def signed_in_client(app):
    with app.app_context():
        return app.test_client().login_as(db.session.scalar(sa.select(User).limit(1)))


def measure(app, baseline) -> dict:
    client = signed_in_client(app)
    base = baseline.test_client()
    calls = {"Línea base": lambda: base.get("/").status_code}
    paths = {}
    for label, path, _target in PAGES:
        path = resolve(app, path)
        paths[label] = path
        calls[label] = lambda path=path: isolated(client.get, path).status_code
    times = median_times(calls, ROUNDS)
    statements = {}
    for label, path in paths.items():
        with app.app_context(), statement_counter(db.engine) as executed:
            isolated(client.get, path)
        statements[label] = len(executed)
    return {"times": times, "statements": statements}


@pytest.mark.parametrize("size", SIZES)
def test_pages_at_scale(benchmark, size, tmp_path_factory):
    tmp = tmp_path_factory.mktemp(f"scale-{size}")
    with fresh_database(tmp, f"registry_scale_{size}") as url:
        app = registry_with(url, tmp / "instance", size)
        baseline = baseline_app(url)
        try:
            RESULTS[size] = benchmark.pedantic(
                measure, args=(app, baseline), rounds=1, iterations=1
            )
        finally:
            with app.app_context():
                db.engine.dispose()
            baseline.extensions["baseline_engine"].dispose()
    report(size, url.split(":")[0])


def report(size: int, backend: str) -> None:
    times = RESULTS[size]["times"]
    base = times["Línea base"]
    print(f"\n{size:,} instrumentos ({backend}); línea base {base * 1000:.1f} ms")
    failures = []
    for label, _path, target in PAGES:
        ratio = times[label] / base
        line = f"  {label:28} {times[label] * 1000:8.1f} ms {ratio:5.1f}×"
        line += f" {RESULTS[size]['statements'][label]:3d} SQL"
        if size != SIZES[0] and SIZES[0] in RESULTS:
            growth = times[label] / RESULTS[SIZES[0]]["times"][label]
            line += f" ×{growth:.2f}"
            if growth > 1.5 and target:
                failures.append(f"{label}: {growth:.2f}× su tiempo a {SIZES[0]:,}")
        if target and ratio > target:
            failures.append(f"{label}: {ratio:.1f}× la línea base (meta {target}×)")
        print(line)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / f"benchmarks-{backend}.json").write_text(json.dumps(RESULTS, indent=2))
    assert not failures, failures
