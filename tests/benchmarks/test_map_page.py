"""The partner map page: server time and bytes, with the demo data and with 10,000 agreements.

Figures are printed, never asserted as times; run with ``make bench`` (``--benchmark-only``).
Server time is the app's own time for a request through Flask's test client (no network, no
WSGI server), the median over the rounds, next to a bare baseline page measured in the same run
(50 rows of a table read through the ORM and rendered by a Jinja template), so the ratio holds on
any machine. INEGI's polygons of the ZMO (the extract in tests/data/geo) are imported first, so
the page carries the real ZMO shapes (~100 kB).

The 10,000 agreements are synthetic ("Instrumento sintético de prueba 00001" …), written to
this benchmark's own database only, with the 25 ZMO counterparts and the 3 sister cities as
parties and histories of one to three moves in 2024–2025.
"""

from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta

import pytest
from sqlalchemy import insert, select

from registry.agreements.models import Agreement, AgreementKind, AgreementParty, StatusChange
from registry.agreements.status import Status
from registry.extensions import db
from registry.parties.models import Party
from tests.conftest import DATA_DIR

PAGES = {"actual": "/mapa/", "2.º trimestre 2025": "/mapa/?anio=2025&trimestre=2"}
BASELINE_URL = "/_bench/baseline"
ROUNDS = 15
#: Lifecycles the synthetic agreements follow (each move 30 days after the previous one).
PATHS = [
    ["intencion"],
    ["intencion", "negociacion"],
    ["intencion", "firmado"],
    ["firmado", "ratificado"],
    ["intencion", "cancelado"],
    ["firmado", "concluido"],
]

BASELINE_TEMPLATE = """<!doctype html><html lang="es-MX"><body><table>
{% for party in parties %}<tr><td>{{ party.id }}</td><td>{{ party.name }}</td>
<td>{{ party.state or '' }}</td><td>{{ party.cvegeo or '' }}</td></tr>{% endfor %}
</table></body></html>"""


@pytest.fixture
def baseline_page(app):
    """A bare page: 50 rows through the ORM, rendered by a template compiled once."""
    template = app.jinja_env.from_string(BASELINE_TEMPLATE)

    def baseline():
        parties = db.session.scalars(select(Party).order_by(Party.id).limit(50)).all()
        return template.render(parties=parties)

    app.add_url_rule(BASELINE_URL, "bench_baseline", baseline)


def load_data(size: int) -> str:
    """The demo, INEGI's polygons of the ZMO, and ``size`` synthetic agreements."""
    from registry.demo import load_demo
    from registry.parties.boundaries import import_boundaries

    load_demo()
    path = DATA_DIR / "geo" / "inegi" / "20mun_zmo.zip"
    import_boundaries(path)
    geography = f"polígonos INEGI de {path.name}"
    db.session.commit()
    if size:
        add_synthetic_agreements(size)
    return geography


def add_synthetic_agreements(count: int) -> None:
    partner_ids = db.session.scalars(
        select(Party.id).where(
            Party.is_self.is_(False),
            (Party.zmo_2020.is_(True)) | Party.cvegeo.in_(["23001", "02001", "03008"]),
        )
    ).all()
    rng = random.Random(6)  # the same data every run
    rows, histories = [], []
    for number in range(1, count + 1):
        path = [Status(status) for status in rng.choice(PATHS)]
        start = date(2024, 1, 1) + timedelta(days=rng.randrange(600))
        days = [start + timedelta(days=30 * step) for step in range(len(path))]
        rows.append(synthetic_agreement(number, path, days, rng))
        histories.append((path, days, rng.choice(partner_ids)))
    ids = db.session.scalars(
        insert(Agreement).returning(Agreement.id, sort_by_parameter_order=True), rows
    ).all()
    links, moves = [], []
    for agreement_id, (path, days, party_id) in zip(ids, histories, strict=True):
        links.append({"agreement_id": agreement_id, "party_id": party_id})
        for step, (status, day) in enumerate(zip(path, days, strict=True)):
            source = path[step - 1] if step else None
            moves.append(
                {
                    "agreement_id": agreement_id,
                    "from_status": source,
                    "to_status": status,
                    "acted_on": day,
                }
            )
    db.session.execute(insert(AgreementParty), links)
    db.session.execute(insert(StatusChange), moves)
    db.session.commit()


def synthetic_agreement(number: int, path, days, rng) -> dict:
    formalized = next((d for s, d in zip(path, days, strict=True) if s.is_formalized), None)
    return {
        "folio": f"SINT-{number:05d}",
        "kind": rng.choice(list(AgreementKind)),
        "title": f"Instrumento sintético de prueba {number:05d}",
        "status": path[-1],
        "status_date": days[-1],
        "formalized_on": formalized,
        "search_text": f"sint-{number:05d} instrumento sintetico de prueba {number:05d}",
    }


def median_ms(client, url: str, rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


@pytest.mark.parametrize("size", [0, 10_000], ids=["demo", "10000-agreements"])
def test_map_page_time_and_bytes(benchmark, baseline_page, reader_client, size, capsys):
    geography = load_data(size)
    for url in (BASELINE_URL, *PAGES.values()):
        reader_client.get(url)  # warm: templates compiled, geography cached
    baseline = median_ms(reader_client, BASELINE_URL)
    response = benchmark.pedantic(
        reader_client.get, args=(PAGES["actual"],), rounds=ROUNDS, iterations=1
    )
    assert response.status_code == 200
    lines = [f"Map page, {size or 'demo'} agreements, {geography}:"]
    lines.append(f"  baseline page (50 rows, Jinja): {baseline:6.1f} ms")
    figures = {}
    for label, url in PAGES.items():
        elapsed = median_ms(reader_client, url)
        body = reader_client.get(url).data
        figures[label] = (elapsed, len(body))
        lines.append(
            f"  /mapa/ {label:<20} {elapsed:6.1f} ms ({elapsed / baseline:4.1f}× baseline), "
            f"{len(body):9,d} bytes"
        )
    png = median_ms(reader_client, "/mapa/mapa.png", rounds=3)
    lines.append(f"  PNG export: {png:6.0f} ms")
    benchmark.extra_info.update(
        {"baseline_ms": baseline, "pages": {k: list(v) for k, v in figures.items()}}
    )
    with capsys.disabled():
        print("\n" + "\n".join(lines))
