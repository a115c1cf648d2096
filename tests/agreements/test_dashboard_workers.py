"""The dashboard's counts by status follow every committed move, whichever worker made it and in
whatever order the moves' timestamps fall.

Workers are separate app instances on the test's database (``new_worker``: their own engine,
session and process state), as gunicorn workers or hosts are. A per-worker cache keyed by the
table's latest ``updated_at`` and highest id once showed 1 "Intención" and 1 "Negociación" here
while both agreements were in "Negociación": a move committed after another but stamped before
it changed neither key.
"""

from __future__ import annotations

import contextvars
import re
from datetime import UTC, date, datetime, timedelta

import pytest

from registry.agreements import services
from registry.agreements.models import Agreement
from registry.extensions import db
from tests.conftest import in_worker
from tests.factories import make_agreement

MOVED_ON = date(2025, 5, 2)


def dashboard_counts(client) -> dict[str, int]:
    """The dashboard's "Por estatus" list: status code → the count shown beside it."""
    page = client.get("/").get_data(as_text=True)
    by_status = page[page.index("Por estatus") : page.index("Por tipo")]
    return {
        status: int(count)
        for status, count in re.findall(r"status=(\w+)\">.*?</a><span>(\d+)</span>", by_status)
        if int(count)
    }


def move_to_negotiation(agreement_id: int, *, commit: bool = True) -> None:
    agreement = db.session.get(Agreement, agreement_id)
    services.change_status(agreement, "negociacion", MOVED_ON)
    if commit:
        db.session.commit()


def test_moves_committed_out_of_timestamp_order_are_all_counted(
    reader_client, new_worker, monkeypatch
):
    first, second = make_agreement(), make_agreement()
    assert dashboard_counts(reader_client) == {"intencion": 2}
    in_worker(new_worker("b"), move_to_negotiation, second.id)
    assert dashboard_counts(reader_client) == {"intencion": 1, "negociacion": 1}

    # Worker A commits after B, but its stamps are earlier: a host whose clock runs a minute
    # behind (on PostgreSQL a transaction that began first does the same; see the next test).
    behind = datetime.now(UTC) - timedelta(minutes=1)

    class LaggingClock(datetime):
        @classmethod
        def now(cls, tz=None):
            return behind

    monkeypatch.setattr("registry.models_base.datetime", LaggingClock)
    in_worker(new_worker("a"), move_to_negotiation, first.id)
    monkeypatch.undo()
    db.session.expire_all()
    stamps = [db.session.get(Agreement, agreement.id).updated_at for agreement in (first, second)]
    assert stamps[0] < stamps[1]
    assert dashboard_counts(reader_client) == {"negociacion": 2}


def test_interleaved_transactions_are_all_counted(app, reader_client, new_worker):
    """Worker A moves one agreement and flushes; B moves another and commits; someone looks at
    the dashboard; then A commits: its move is stamped before B's, yet committed after it."""
    if db.engine.dialect.name != "postgresql":
        pytest.skip("SQLite admite un solo escritor a la vez: B esperaría a que A confirme")
    first, second = make_agreement(), make_agreement()
    worker_a = new_worker("a")
    a = contextvars.Context()  # worker A's request, kept open across the steps below
    context = worker_a.app_context()
    a.run(context.push)
    try:
        a.run(move_to_negotiation, first.id, commit=False)
        in_worker(new_worker("b"), move_to_negotiation, second.id)
        assert dashboard_counts(reader_client) == {"intencion": 1, "negociacion": 1}
        a.run(db.session.commit)
    finally:
        a.run(db.session.remove)
        a.run(context.pop)
    assert dashboard_counts(reader_client) == {"negociacion": 2}
