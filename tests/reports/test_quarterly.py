"""Quarterly report assembly: definitions by the dates of the acts, quarter edges, indicators."""

from __future__ import annotations

import json
from datetime import date

import pytest
import sqlalchemy as sa

from registry.agreements.models import Agreement, AgreementParty, StatusChange
from registry.extensions import db
from registry.indicators.models import Indicator, IndicatorGoal
from registry.meetings.models import Meeting, MeetingDate
from registry.parties.models import Party
from registry.reports.queries import quarterly_report

REPORT_KEYS = {
    "year",
    "quarter",
    "start",
    "end",
    "formalized",
    "in_progress",
    "meetings",
    "meetings_by_kind",
    "zmo_municipalities_engaged",
    "indicators",
}


def municipality(cvegeo: str) -> Party:
    return db.session.scalar(sa.select(Party).where(Party.cvegeo == cvegeo))


def agreement(folio: str, moves: list[tuple[str, date]], parties=(), kind="hermanamiento"):
    """An agreement with its status history as the lifecycle service would leave it."""
    record = Agreement(
        folio=folio,
        kind=kind,
        title=f"Instrumento {folio}",
        status=moves[-1][0],
        status_date=moves[-1][1],
    )
    previous = None
    for status, acted_on in moves:
        record.status_changes.append(
            StatusChange(from_status=previous, to_status=status, acted_on=acted_on)
        )
        if status in ("firmado", "ratificado") and record.formalized_on is None:
            record.formalized_on = acted_on
        previous = status
    record.parties = [AgreementParty(party=party) for party in parties]
    db.session.add(record)
    db.session.flush()
    return record


def meeting(folio: str, days: list[date], parties=(), kind="reunion_trabajo", indicator=None):
    record = Meeting(
        folio=folio,
        kind=kind,
        title=f"Reunión {folio}",
        first_date=min(days),
        dates=[MeetingDate(day=day) for day in days],
        parties=list(parties),
        indicator=indicator,
    )
    db.session.add(record)
    db.session.flush()
    return record


def test_the_report_has_the_keys_of_the_format(app):
    report = quarterly_report(2025, 2)
    assert set(report) == REPORT_KEYS
    assert (report["start"], report["end"]) == ("2025-04-01", "2025-06-30")
    json.dumps(report)  # JSON-ready as it is


def test_formalized_by_the_date_of_the_first_signature_whatever_happened_later(app):
    agreement("CON-2025-001", [("firmado", date(2025, 6, 30)), ("cancelado", date(2025, 8, 1))])
    agreement("CON-2025-002", [("firmado", date(2025, 7, 1))])
    agreement("CON-2025-003", [("intencion", date(2025, 1, 10)), ("ratificado", date(2025, 5, 2))])
    q2, q3 = quarterly_report(2025, 2), quarterly_report(2025, 3)
    assert [(a["folio"], a["status"]) for a in q2["formalized"]] == [
        ("CON-2025-003", "ratificado"),
        ("CON-2025-001", "cancelado"),
    ]
    assert q2["formalized"][1]["formalized_on"] == "2025-06-30"
    assert [a["folio"] for a in q3["formalized"]] == ["CON-2025-002"]


def test_in_progress_is_the_status_on_the_last_day_with_a_move_in_the_quarter(app):
    agreement("HER-2025-001", [("intencion", date(2025, 4, 29))])
    agreement("HER-2025-002", [("intencion", date(2025, 4, 25)), ("firmado", date(2025, 7, 3))])
    agreement("HER-2025-003", [("intencion", date(2025, 5, 1)), ("firmado", date(2025, 6, 2))])
    agreement("HER-2025-004", [("intencion", date(2025, 3, 1))])  # no move in Q2
    report = quarterly_report(2025, 2)
    assert [a["folio"] for a in report["in_progress"]] == ["HER-2025-001", "HER-2025-002"]
    assert report["in_progress"][1]["status"] == "firmado"  # today's status


def test_a_meeting_belongs_to_the_quarter_of_its_first_date(app):
    meeting("REU-2025-001", [date(2025, 3, 31), date(2025, 4, 1)])
    meeting("REU-2025-002", [date(2025, 5, 15), date(2025, 5, 22)], kind="recorrido")
    q1, q2 = quarterly_report(2025, 1), quarterly_report(2025, 2)
    assert [m["folio"] for m in q1["meetings"]] == ["REU-2025-001"]
    assert q1["meetings"][0]["dates"] == ["2025-03-31", "2025-04-01"]
    assert [m["folio"] for m in q2["meetings"]] == ["REU-2025-002"]
    assert q2["meetings_by_kind"]["recorrido"] == 1 and q2["meetings_by_kind"]["otro"] == 0


def test_parties_carry_cvegeo_only_when_they_are_municipalities(app):
    state_body = Party(kind="estatal", name="Comisión Estatal del Agua")
    db.session.add(state_body)
    meeting("REU-2025-001", [date(2025, 4, 8)], parties=[state_body, municipality("20390")])
    parties = quarterly_report(2025, 2)["meetings"][0]["parties"]
    assert {"name": "Comisión Estatal del Agua", "cvegeo": None} in parties
    assert {"name": "Santa Lucía del Camino", "cvegeo": "20390"} in parties


def test_zmo_municipalities_engaged_through_meetings_or_agreement_moves(app):
    meeting("REU-2025-001", [date(2025, 5, 8)], parties=[municipality("20390")])
    meeting("REU-2025-002", [date(2025, 5, 9)], parties=[municipality("20067")])  # us
    meeting("REU-2025-003", [date(2025, 7, 9)], parties=[municipality("20157")])  # Q3
    agreement("ALI-2025-001", [("negociacion", date(2025, 6, 3))], [municipality("20385")])
    agreement("HER-2025-001", [("intencion", date(2025, 4, 29))], [municipality("02001")])
    engaged = quarterly_report(2025, 2)["zmo_municipalities_engaged"]
    assert engaged == [
        {"cvegeo": "20385", "name": "Santa Cruz Xoxocotlán"},
        {"cvegeo": "20390", "name": "Santa Lucía del Camino"},
    ]


@pytest.fixture
def indicators(app):
    made = {}
    for code, source, extra in [
        ("12.1", "meetings", {}),
        (
            "9",
            "agreements",
            {"agreement_statuses": ["firmado", "ratificado"], "agreement_kinds": ["alianza"]},
        ),
    ]:
        made[code] = Indicator(
            code=code,
            name=f"Indicador {code}",
            source=source,
            goals=[IndicatorGoal(year=2025, annual_goal=20)],
            **extra,
        )
        db.session.add(made[code])
    db.session.flush()
    return made


def test_indicators_percent_of_the_annual_goal_per_quarter_and_year(app, indicators):
    for number, day in enumerate(
        [
            date(2025, 3, 5),
            date(2025, 5, 9),
            date(2025, 5, 23),
            date(2025, 5, 30),
            date(2025, 6, 12),
        ]
    ):
        meeting(
            f"REU-2025-{number:03d}", [day], kind="mesa_seguridad", indicator=indicators["12.1"]
        )
    meeting("REU-2025-099", [date(2025, 6, 13)])  # counts for no indicator
    signed = [("firmado", date(2025, 4, 2)), ("ratificado", date(2025, 5, 2))]
    agreement("ALI-2025-001", signed, kind="alianza")
    agreement("ALI-2025-002", [("negociacion", date(2025, 4, 2))], kind="alianza")
    agreement("HER-2025-001", [("firmado", date(2025, 4, 2))])  # not an alliance
    results = {row["code"]: row for row in quarterly_report(2025, 2)["indicators"]}
    assert results["12.1"] == {
        "code": "12.1",
        "name": "Indicador 12.1",
        "achieved": 4,
        "goal": 20,
        "percent": 20.0,
        "achieved_year": 5,
        "percent_year": 25.0,
    }
    assert (results["9"]["achieved"], results["9"]["percent"]) == (1, 5.0)  # counted once


def test_deleted_records_are_left_out(app, indicators):
    from registry.models_base import utcnow

    kept = meeting("REU-2025-001", [date(2025, 5, 9)], indicator=indicators["12.1"])
    gone = meeting("REU-2025-002", [date(2025, 5, 10)], indicator=indicators["12.1"])
    gone.deleted_at = utcnow()
    agreement("CON-2025-001", [("firmado", date(2025, 6, 1))]).deleted_at = utcnow()
    db.session.flush()
    report = quarterly_report(2025, 2)
    assert [m["folio"] for m in report["meetings"]] == [kept.folio]
    assert report["formalized"] == []
    assert report["indicators"][0]["achieved"] == 1
