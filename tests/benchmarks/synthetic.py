"""Synthetic records for benchmarks: many agreements and meetings in a scratch database.

Never demo data, never mixed with real records: every synthetic record carries "SINT" in its folio
and "sintético/sintética" in its name, and ``fill`` refuses a database that holds any agreement
or meeting that is not synthetic. Rows go in with bulk Core inserts (the services would take
hours at 100,000 agreements); the shape follows what the services produce: a status history
whose last move is the current status, ``formalized_on`` as the first signature, a meeting's
``first_date`` as its earliest date, the search columns folded.

The benchmarks call ``fill`` directly; from a shell, on the database the app is configured for
(``DATABASE_URL`` or ``instance/config.py``, as ``flask --app registry``)::

    python -m tests.benchmarks.synthetic --agreements 1000 [--meetings-per-agreement 5]
        [--parties 200] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta

import sqlalchemy as sa

from registry import create_app
from registry.agreements.models import Agreement
from registry.agreements.search import search_text
from registry.agreements.status import PROGRESSION, Status
from registry.errors import DomainError
from registry.extensions import db
from registry.indicators.models import Indicator
from registry.meetings.models import Meeting, MeetingKind
from registry.models_base import utcnow
from registry.parties.models import Party
from registry.text import fold
from registry.topics.models import Topic

MARK = "SINT"
FIRST_DAY, LAST_DAY = date(2019, 1, 1), date(2026, 10, 31)
BATCH = 5000
KINDS = ("alianza", "hermanamiento", "convenio")
UNITS = ("Unidad de Atención de Asuntos Metropolitanos", "Jefatura de la Oficina de la Presidencia")


@dataclass
class FillCounts:
    agreements: int = 0
    meetings: int = 0
    parties: int = 0
    rows: dict[str, int] = field(default_factory=dict)


def fill(agreements: int, meetings_per_agreement: int = 5, parties: int = 200, seed: int = 1):
    """Add synthetic records; raises DomainError if the database holds non-synthetic ones."""
    refuse_real_data()
    rng = random.Random(seed)  # noqa: S311 - reproducible fake data, not secrets
    counts = FillCounts()
    party_ids = _parties(rng, parties, counts)
    topic_ids = list(db.session.scalars(sa.select(Topic.id).order_by(Topic.id)))
    indicator_ids = list(db.session.scalars(sa.select(Indicator.id).order_by(Indicator.id)))
    start = (db.session.scalar(sa.select(sa.func.max(Agreement.id))) or 0) + 1
    meeting_start = (db.session.scalar(sa.select(sa.func.max(Meeting.id))) or 0) + 1
    for first in range(0, agreements, BATCH):
        ids = range(start + first, start + min(first + BATCH, agreements))
        tables = _agreement_rows(rng, ids, party_ids, topic_ids)
        meeting_ids = range(
            meeting_start + first * meetings_per_agreement,
            meeting_start + (first + len(ids)) * meetings_per_agreement,
        )
        _add(
            tables,
            _meeting_rows(
                rng, meeting_ids, ids, meetings_per_agreement, party_ids, topic_ids, indicator_ids
            ),
        )
        _insert(tables, counts)
    counts.agreements, counts.meetings = agreements, agreements * meetings_per_agreement
    _reset_sequences()
    return counts


def refuse_real_data() -> None:
    real_agreements = sa.select(sa.func.count()).where(~Agreement.folio.contains(MARK))
    real_meetings = sa.select(sa.func.count()).where(~Meeting.folio.contains(MARK))
    if db.session.scalar(real_agreements) or db.session.scalar(real_meetings):
        raise DomainError(
            "Esta base de datos tiene instrumentos o reuniones reales o de demostración: los "
            "datos sintéticos solo se cargan en una base de pruebas aparte."
        )


def _parties(rng: random.Random, wanted: int, counts: FillCounts) -> list[int]:
    """Synthetic state bodies and organismos, plus the reference municipalities."""
    existing = db.session.scalar(sa.select(sa.func.count()).where(Party.name.contains("sintética")))
    now = utcnow()
    rows = []
    for number in range(existing + 1, wanted + 1):
        name = f"Dependencia sintética {number:04d}"
        rows.append(
            {
                "kind": rng.choice(["estatal", "federal", "organismo", "social"]),
                "name": name,
                "name_key": fold(name),
                "state": "Oaxaca",
                "country": "México",
                "zmo_2015": False,
                "zmo_2020": False,
                "is_self": False,
                "active": True,
                "created_at": now,
                "updated_at": now,
            }
        )
    if rows:
        db.session.execute(sa.insert(Party.__table__), rows)
        counts.parties = len(rows)
    return list(db.session.scalars(sa.select(Party.id).where(Party.is_self.is_(False))))


def _random_day(rng: random.Random, after: date = FIRST_DAY) -> date:
    span = (LAST_DAY - after).days
    return after + timedelta(days=rng.randint(0, max(span, 0)))


def _history(rng: random.Random) -> Iterator[tuple[Status | None, Status, date]]:
    """A plausible lifecycle: forward moves, sometimes an end."""
    day = _random_day(rng)
    steps = rng.sample(PROGRESSION, rng.randint(1, 4))
    steps.sort(key=PROGRESSION.index)
    if rng.random() < 0.1:
        steps.append(rng.choice([Status.CANCELADO, Status.CONCLUIDO]))
        if steps[-1] == Status.CONCLUIDO and not set(steps) & {Status.FIRMADO, Status.RATIFICADO}:
            steps[-1] = Status.CANCELADO
    previous = None
    for status in steps:
        yield previous, status, day
        previous, day = status, min(day + timedelta(days=rng.randint(5, 120)), LAST_DAY)


def _agreement_rows(rng, ids, party_ids, topic_ids) -> dict[str, list[dict]]:
    now = utcnow()
    tables: dict[str, list[dict]] = {
        "agreements": [],
        "status_changes": [],
        "agreement_parties": [],
        "agreement_topics": [],
    }
    for agreement_id in ids:
        kind = rng.choice(KINDS)
        folio = f"{MARK}-{kind[:3].upper()}-{agreement_id:06d}"
        title = f"Instrumento sintético {agreement_id:06d} ({kind})"
        objective = "Objetivo sintético para medir el rendimiento del registro."
        moves = list(_history(rng))
        signed = [day for _, status, day in moves if status in (Status.FIRMADO, Status.RATIFICADO)]
        valid_from = moves[0][2]
        tables["agreements"].append(
            {
                "id": agreement_id,
                "folio": folio,
                "kind": kind,
                "title": title,
                "objective": objective,
                "status": moves[-1][1],
                "status_date": moves[-1][2],
                "formalized_on": signed[0] if signed else None,
                "responsible_unit": rng.choice(UNITS),
                "valid_from": valid_from,
                "valid_until": valid_from + timedelta(days=rng.randint(200, 1500)),
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "search_text": search_text(folio, title, objective),
            }
        )
        for previous, status, day in moves:
            tables["status_changes"].append(
                {
                    "agreement_id": agreement_id,
                    "from_status": previous,
                    "to_status": status,
                    "acted_on": day,
                    "recorded_at": now,
                    "is_correction": False,
                }
            )
        for party_id in rng.sample(party_ids, rng.randint(1, 3)):
            tables["agreement_parties"].append(
                {"agreement_id": agreement_id, "party_id": party_id, "role": "Contraparte"}
            )
        for topic_id in rng.sample(topic_ids, min(len(topic_ids), rng.randint(1, 3))):
            tables["agreement_topics"].append({"agreement_id": agreement_id, "topic_id": topic_id})
    return tables


def _meeting_rows(rng, ids, agreement_ids, per_agreement, party_ids, topic_ids, indicator_ids):
    now = utcnow()
    tables: dict[str, list[dict]] = {
        name: []
        for name in (
            "meetings",
            "meeting_dates",
            "meeting_parties",
            "meeting_topics",
            "meeting_agreements",
            "commitments",
        )
    }
    kinds = [kind.value for kind in MeetingKind]
    for index, meeting_id in enumerate(ids):
        agreement_id = agreement_ids[index // per_agreement]
        days = sorted({_random_day(rng) for _ in range(1 if rng.random() < 0.85 else 2)})
        folio, title = f"{MARK}-REU-{meeting_id:07d}", f"Reunión sintética {meeting_id:07d}"
        tables["meetings"].append(
            {
                "id": meeting_id,
                "folio": folio,
                "kind": rng.choice(kinds),
                "title": title,
                "first_date": days[0],
                "place": "Sede sintética",
                "indicator_id": rng.choice(indicator_ids) if indicator_ids else None,
                "created_at": now,
                "updated_at": now,
                "version": 1,
                "search_key": fold(f"{folio} {title}"),
            }
        )
        tables["meeting_dates"] += [{"meeting_id": meeting_id, "day": day} for day in days]
        tables["meeting_parties"] += [
            {"meeting_id": meeting_id, "party_id": party_id}
            for party_id in rng.sample(party_ids, rng.randint(1, 3))
        ]
        if topic_ids:
            tables["meeting_topics"].append(
                {"meeting_id": meeting_id, "topic_id": rng.choice(topic_ids)}
            )
        tables["meeting_agreements"].append(
            {"meeting_id": meeting_id, "agreement_id": agreement_id}
        )
        if rng.random() < 0.2:
            due = days[0] + timedelta(days=30)
            # Like the real ones: old commitments were mostly met; a few linger.
            settled = due < LAST_DAY - timedelta(days=90) and rng.random() < 0.95
            tables["commitments"].append(
                {
                    "meeting_id": meeting_id,
                    "text": "Acuerdo sintético de seguimiento.",
                    "responsible_party_id": rng.choice(party_ids),
                    "due_on": due,
                    "status": "cumplido" if settled else "pendiente",
                }
            )
    return tables


def _add(tables: dict[str, list], more: dict[str, list]) -> None:
    for name, rows in more.items():
        tables.setdefault(name, []).extend(rows)


def _insert(tables: dict[str, list[dict]], counts: FillCounts) -> None:
    """Insert in dependency order (parents first), in one executemany per table."""
    for table in db.metadata.sorted_tables:
        rows = tables.get(table.name)
        if rows:
            db.session.execute(sa.insert(table), rows)
            counts.rows[table.name] = counts.rows.get(table.name, 0) + len(rows)


#: Rows go in with explicit ids: afterwards PostgreSQL's sequences must move past them.
SEQUENCE_RESETS = tuple(
    sa.text(
        f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "  # noqa: S608 - fixed names
        f"(SELECT COALESCE(MAX(id), 1) FROM {table}))"  # nosec B608 - fixed table names
    )
    for table in ("agreements", "meetings")
)


def _reset_sequences() -> None:
    if db.engine.dialect.name == "postgresql":
        for statement in SEQUENCE_RESETS:
            db.session.execute(statement)


def _bounded(low: int, high: int):
    def parse(text: str) -> int:
        value = int(text)
        if not low <= value <= high:
            raise argparse.ArgumentTypeError(f"entre {low} y {high}")
        return value

    return parse


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.synthetic",
        description="Agrega N instrumentos sintéticos con sus reuniones, en una base de pruebas "
        "aparte (nunca en una base real ni de demostración).",
    )
    parser.add_argument("--agreements", type=_bounded(1, 1_000_000), required=True)
    parser.add_argument("--meetings-per-agreement", type=_bounded(0, 50), default=5)
    parser.add_argument("--parties", type=_bounded(1, 100_000), default=200)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with create_app().app_context():
        try:
            counts = fill(args.agreements, args.meetings_per_agreement, args.parties, args.seed)
        except DomainError as error:
            db.session.rollback()
            print(error.message, file=sys.stderr)
            return 1
        db.session.commit()
    print(
        f"Datos sintéticos: {counts.agreements} instrumentos, {counts.meetings} reuniones, "
        f"{counts.parties} contrapartes nuevas, {sum(counts.rows.values())} filas."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
