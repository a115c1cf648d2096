"""The synthetic filler (tests/benchmarks/synthetic.py): only in a scratch database, shaped like
real records, never mixed with demo or real ones."""

from __future__ import annotations

import sqlalchemy as sa

from registry.agreements.models import Agreement, StatusChange
from registry.extensions import db
from registry.meetings.models import Meeting, MeetingDate
from tests.benchmarks import synthetic
from tests.conftest import row_count


def test_fill_makes_clearly_synthetic_consistent_records(app):
    counts = synthetic.fill(40, meetings_per_agreement=5, parties=10)
    db.session.commit()
    assert (counts.agreements, counts.meetings) == (40, 200)
    assert (row_count(Agreement), row_count(Meeting)) == (40, 200)
    for agreement in db.session.scalars(sa.select(Agreement)):
        assert "SINT" in agreement.folio and "sintético" in agreement.title
        last = max(agreement.status_changes, key=lambda move: (move.acted_on, move.id))
        assert last.to_status == agreement.status
        signed = [
            m.acted_on for m in agreement.status_changes if m.to_status in ("firmado", "ratificado")
        ]
        assert agreement.formalized_on == (min(signed) if signed else None)
    first_dates = db.session.execute(
        sa.select(Meeting.first_date, sa.func.min(MeetingDate.day))
        .join(MeetingDate)
        .group_by(Meeting.id)
    ).all()
    assert all(first == earliest for first, earliest in first_dates)
    # New records made afterwards get fresh ids (sequences moved on).
    synthetic.fill(1)
    db.session.commit()
    assert row_count(StatusChange) >= 41


def test_fill_refuses_a_database_with_demo_data(runner, capsys, monkeypatch, app):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    monkeypatch.setattr(synthetic, "create_app", lambda: app)
    assert synthetic.main(["--agreements", "5"]) == 1
    assert (
        "datos sintéticos solo se cargan en una base de pruebas aparte" in capsys.readouterr().err
    )
    assert (
        db.session.scalar(sa.select(sa.func.count()).where(Agreement.folio.contains("SINT"))) == 0
    )
