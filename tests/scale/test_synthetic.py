"""The synthetic filler: only in a scratch database, shaped like real records, never demo."""

from __future__ import annotations

import sqlalchemy as sa

from registry.agreements.models import Agreement, StatusChange
from registry.extensions import db
from registry.meetings.models import Meeting, MeetingDate
from tests.conftest import row_count


def test_fill_makes_clearly_synthetic_consistent_records(runner):
    result = runner.invoke(
        args=[
            "synthetic",
            "fill",
            "--agreements",
            "40",
            "--meetings-per-agreement",
            "5",
            "--parties",
            "10",
        ]
    )
    assert result.exit_code == 0, result.output
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
    # New records made through the app afterwards get fresh ids (sequences moved on).
    assert runner.invoke(args=["synthetic", "fill", "--agreements", "1"]).exit_code == 0
    assert row_count(StatusChange) >= 41


def test_fill_refuses_a_database_with_demo_data(runner):
    assert runner.invoke(args=["demo", "load"]).exit_code == 0
    result = runner.invoke(args=["synthetic", "fill", "--agreements", "5"])
    assert result.exit_code == 1
    assert "datos sintéticos solo se cargan en una base de pruebas aparte" in result.output
    assert (
        db.session.scalar(sa.select(sa.func.count()).where(Agreement.folio.contains("SINT"))) == 0
    )


def test_demo_refuses_a_database_with_synthetic_data(runner):
    assert runner.invoke(args=["synthetic", "fill", "--agreements", "5"]).exit_code == 0
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 1
    assert "datos sintéticos" in result.output
    assert row_count(Agreement) == 5
