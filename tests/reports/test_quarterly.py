"""The quarterly report and the MIR indicators, on records made as users make them (through the
services): definitions by the dates of the acts, quarter edges, corrections, the recycle bin,
meetings that did not happen or had no outside party, and the explanation of every figure."""

from __future__ import annotations

import json
from datetime import date

import pytest

from registry.extensions import db
from registry.indicators.models import Indicator, IndicatorGoal
from registry.reports.queries import quarterly_report
from tests.factories import (
    COZUMEL,
    SAN_JACINTO_AMILPAS,
    SANTA_CRUZ_XOXOCOTLAN,
    correct,
    make_agreement,
    make_area,
    make_meeting,
    make_party,
    move,
    municipality,
    trash,
)

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
SANTA_LUCIA = "20390"


def folios(rows: list[dict]) -> list[str]:
    return [row["folio"] for row in rows]


def indicator_row(report: dict, code: str) -> dict:
    return next(row for row in report["indicators"] if row["code"] == code)


@pytest.fixture
def state_body(app):
    return make_party("Comisión Estatal del Agua")


@pytest.fixture
def indicators(app):
    """12, 12.1 and 12.2 as the demo configures them, and an indicator of alliances signed."""
    made = {}
    for code, extra in [
        ("12", {"meeting_kinds": ["reunion_trabajo"]}),
        ("12.1", {"meeting_kinds": ["mesa_seguridad", "mando_coordinado"]}),
        ("12.2", {"meeting_kinds": ["recorrido"], "needs_zmo_municipality": True}),
        (
            "9",
            {
                "source": "agreements",
                "agreement_statuses": ["firmado", "ratificado"],
                "agreement_kinds": ["alianza"],
            },
        ),
    ]:
        made[code] = Indicator(
            code=code,
            name=f"Indicador {code}",
            source=extra.pop("source", "meetings"),
            goals=[
                IndicatorGoal(year=2025, annual_goal=20),
                IndicatorGoal(year=2026, annual_goal=20),
            ],
            **extra,
        )
        db.session.add(made[code])
    db.session.commit()
    return made


def test_the_report_has_the_keys_of_the_format(app):
    report = quarterly_report(2025, 2)
    assert set(report) == REPORT_KEYS
    assert (report["start"], report["end"]) == ("2025-04-01", "2025-06-30")
    json.dumps(report)  # JSON-ready as it is


# Agreements ------------------------------------------------------------------------------------


def test_formalized_by_the_date_of_the_first_signature_whatever_happened_later(app):
    cancelled = make_agreement(folio="CON-2025-001", status="firmado", acted_on=date(2025, 6, 30))
    move(cancelled, "cancelado", date(2025, 8, 1), reason="No prosperó")
    make_agreement(folio="CON-2025-002", status="firmado", acted_on=date(2025, 7, 1))
    ratified = make_agreement(folio="CON-2025-003", acted_on=date(2025, 1, 10))
    move(ratified, "ratificado", date(2025, 5, 2))
    q2, q3 = quarterly_report(2025, 2), quarterly_report(2025, 3)
    assert [(a["folio"], a["status"]) for a in q2["formalized"]] == [
        ("CON-2025-003", "ratificado"),
        ("CON-2025-001", "cancelado"),
    ]
    assert q2["formalized"][1]["formalized_on"] == "2025-06-30"
    assert folios(q3["formalized"]) == ["CON-2025-002"]


def test_in_progress_is_the_status_on_the_last_day_with_a_move_in_the_quarter(app):
    make_agreement(folio="HER-2025-001", acted_on=date(2025, 4, 29))
    later = make_agreement(folio="HER-2025-002", acted_on=date(2025, 4, 25))
    move(later, "firmado", date(2025, 7, 3))
    signed = make_agreement(folio="HER-2025-003", acted_on=date(2025, 5, 1))
    move(signed, "firmado", date(2025, 6, 2))
    make_agreement(folio="HER-2025-004", acted_on=date(2025, 3, 1))  # no move in Q2
    report = quarterly_report(2025, 2)
    assert folios(report["in_progress"]) == ["HER-2025-001", "HER-2025-002"]
    assert report["in_progress"][1]["status"] == "firmado"  # today's status


def test_a_correction_moves_the_alliance_to_the_quarter_it_was_really_signed(app, indicators):
    """Signed in Q1, corrected back by an admin, really signed in Q3: the formalized section and
    the alliance indicator agree in both quarters."""
    alliance = make_agreement(
        folio="ALI-2025-001", kind="alianza", status="negociacion", acted_on=date(2025, 1, 15)
    )
    move(alliance, "firmado", date(2025, 2, 20))
    correct(alliance, "negociacion", date(2025, 3, 10), reason="La firma no ocurrió")
    move(alliance, "firmado", date(2025, 8, 5))
    q1, q3 = quarterly_report(2025, 1), quarterly_report(2025, 3)
    assert q1["formalized"] == []
    assert indicator_row(q1, "9")["achieved"] == 0
    assert indicator_row(q1, "9")["left_out"] == [
        {
            "record": "agreement",
            "folio": "ALI-2025-001",
            "title": alliance.title,
            "date": "2025-08-05",
            "reason": "undone",
            "reason_text": "anulado por una corrección",
        }
    ]
    assert folios(q3["formalized"]) == ["ALI-2025-001"]
    assert q3["formalized"][0]["formalized_on"] == "2025-08-05"
    assert indicator_row(q3, "9")["achieved"] == 1
    assert folios(indicator_row(q3, "9")["counted"]) == ["ALI-2025-001"]


def test_two_alliances_signed_in_one_quarter_count_each_once(app, indicators):
    """Each agreement is placed by its own first act: two in the quarter count two; one that
    got there in Q1 and moved on in Q2 is left out of Q2, saying why."""
    for folio, day in [("ALI-2025-001", date(2025, 4, 2)), ("ALI-2025-002", date(2025, 6, 12))]:
        make_agreement(folio=folio, kind="alianza", status="firmado", acted_on=day)
    earlier = make_agreement(
        folio="ALI-2025-003", kind="alianza", status="firmado", acted_on=date(2025, 3, 3)
    )
    move(earlier, "ratificado", date(2025, 5, 5))
    make_agreement(folio="HER-2025-001", kind="hermanamiento", status="firmado")  # not an alliance
    row = indicator_row(quarterly_report(2025, 2), "9")
    assert (row["achieved"], row["percent"]) == (2, 10.0)
    assert folios(row["counted"]) == ["ALI-2025-001", "ALI-2025-002"]
    assert [(r["folio"], r["reason"]) for r in row["left_out"]] == [
        ("ALI-2025-003", "reached_before")
    ]
    assert indicator_row(quarterly_report(2025, 1), "9")["achieved"] == 1


def test_an_agreement_in_the_recycle_bin_counts_nowhere(app, indicators):
    binned = make_agreement(
        folio="ALI-2025-009", kind="alianza", status="firmado", acted_on=date(2025, 5, 9)
    )
    trash(binned)
    report = quarterly_report(2025, 2)
    assert report["formalized"] == [] and report["zmo_municipalities_engaged"] == []
    row = indicator_row(report, "9")
    assert row["achieved"] == 0
    assert [(r["folio"], r["reason_text"]) for r in row["left_out"]] == [
        ("ALI-2025-009", "en la papelera")
    ]


def test_the_quarter_is_its_first_to_its_last_day(app, indicators, state_body):
    """Acts and meetings on 31 March and 1 July are outside Q2; on 1 April and 30 June inside."""
    for number, day in enumerate(
        [date(2025, 3, 31), date(2025, 4, 1), date(2025, 6, 30), date(2025, 7, 1)], 1
    ):
        make_agreement(folio=f"ALI-2025-00{number}", kind="alianza", status="firmado", acted_on=day)
        make_meeting(day, parties=[state_body], kind="mesa_seguridad", folio=f"REU-2025-00{number}")
    report = quarterly_report(2025, 2)
    assert folios(report["formalized"]) == ["ALI-2025-002", "ALI-2025-003"]
    assert folios(indicator_row(report, "9")["counted"]) == ["ALI-2025-002", "ALI-2025-003"]
    assert folios(report["meetings"]) == ["REU-2025-002", "REU-2025-003"]
    assert folios(indicator_row(report, "12.1")["counted"]) == ["REU-2025-002", "REU-2025-003"]
    row = indicator_row(report, "12.1")
    assert (row["achieved"], row["achieved_year"], row["percent_year"]) == (2, 3, 15.0)


# Meetings --------------------------------------------------------------------------------------


def test_a_meeting_belongs_to_the_quarter_of_its_first_date_and_they_go_by_date(app, state_body):
    make_meeting([date(2025, 3, 31), date(2025, 4, 1)], parties=[state_body], folio="REU-2025-001")
    # folios in the opposite order of the dates: the report goes by date
    make_meeting(date(2025, 6, 2), parties=[state_body], folio="REU-2025-002")
    make_meeting(
        [date(2025, 5, 15), date(2025, 5, 22)],
        parties=[state_body],
        kind="recorrido",
        folio="REU-2025-003",
    )
    q1, q2 = quarterly_report(2025, 1), quarterly_report(2025, 2)
    assert folios(q1["meetings"]) == ["REU-2025-001"]
    assert q1["meetings"][0]["dates"] == ["2025-03-31", "2025-04-01"]
    assert folios(q2["meetings"]) == ["REU-2025-003", "REU-2025-002"]
    assert q2["meetings_by_kind"]["recorrido"] == 1 and q2["meetings_by_kind"]["otro"] == 0


def test_parties_carry_cvegeo_only_when_they_are_municipalities(app, state_body):
    make_meeting(date(2025, 4, 8), parties=[state_body, municipality(SANTA_LUCIA)])
    parties = quarterly_report(2025, 2)["meetings"][0]["parties"]
    assert {"name": "Comisión Estatal del Agua", "cvegeo": None} in parties
    assert {"name": "Santa Lucía del Camino", "cvegeo": "20390"} in parties


def test_zmo_municipalities_engaged_through_held_meetings_or_agreement_moves(app):
    make_meeting(date(2025, 5, 8), parties=[municipality(SANTA_LUCIA)])
    make_meeting(date(2025, 7, 9), parties=[municipality(SAN_JACINTO_AMILPAS)])  # Q3
    make_meeting(
        date(2025, 5, 9),
        parties=[municipality("20023")],
        state="cancelada",
        reason="Se suspendió por lluvia",
    )
    make_agreement(
        status="negociacion",
        acted_on=date(2025, 6, 3),
        parties=[municipality(SANTA_CRUZ_XOXOCOTLAN)],
    )
    make_agreement(acted_on=date(2025, 4, 29), parties=[municipality("02001")])  # not ZMO
    engaged = quarterly_report(2025, 2)["zmo_municipalities_engaged"]
    assert engaged == [
        {"cvegeo": "20385", "name": "Santa Cruz Xoxocotlán"},
        {"cvegeo": "20390", "name": "Santa Lucía del Camino"},
    ]


def test_what_does_not_inflate_the_meeting_indicators(app, indicators, state_body):
    """A cabinet meeting of our own areas, a recorrido with Cozumel (outside the ZMO), a mesa
    de seguridad scheduled for later in the quarter, one cancelled and one in the bin: none
    counts; each is listed with its reason, beside the meetings that do count."""
    make_meeting(date(2025, 4, 8), parties=[state_body], folio="REU-2025-001")
    make_meeting(date(2025, 4, 9), areas=[make_area(), make_area()], folio="REU-2025-002")
    make_meeting(
        date(2025, 5, 15),
        parties=[municipality(SAN_JACINTO_AMILPAS)],
        kind="recorrido",
        folio="REU-2025-003",
    )
    make_meeting(
        date(2025, 5, 20), parties=[municipality(COZUMEL)], kind="recorrido", folio="REU-2025-004"
    )
    make_meeting(
        date(2025, 5, 23), parties=[state_body], kind="mesa_seguridad", folio="REU-2025-005"
    )
    make_meeting(
        date(2025, 5, 30),
        parties=[state_body],
        kind="mesa_seguridad",
        folio="REU-2025-006",
        state="cancelada",
        reason="Se pospuso",
    )
    trash(
        make_meeting(
            date(2025, 6, 1), parties=[state_body], kind="mesa_seguridad", folio="REU-2025-007"
        )
    )
    report = quarterly_report(2025, 2)
    explained = {
        code: (
            folios(indicator_row(report, code)["counted"]),
            [(r["folio"], r["reason_text"]) for r in indicator_row(report, code)["left_out"]],
        )
        for code in ("12", "12.1", "12.2")
    }
    assert explained == {
        "12": (["REU-2025-001"], [("REU-2025-002", "sin contraparte externa")]),
        "12.1": (
            ["REU-2025-005"],
            [("REU-2025-006", "cancelada"), ("REU-2025-007", "en la papelera")],
        ),
        "12.2": (["REU-2025-003"], [("REU-2025-004", "fuera de la Zona Metropolitana")]),
    }
    assert folios(report["meetings"]) == [
        "REU-2025-001",
        "REU-2025-002",
        "REU-2025-003",
        "REU-2025-004",
        "REU-2025-005",
    ]


def test_a_meeting_scheduled_ahead_counts_only_once_it_is_confirmed(app, indicators, state_body):
    """On 3 December a mesa de seguridad set for 15 December is programada: it is left out of
    12.1 and of the report until someone confirms it was held."""
    from registry.meetings.services import set_state

    meeting = make_meeting(
        date(2026, 12, 15), parties=[state_body], kind="mesa_seguridad", today=date(2026, 12, 3)
    )
    report = quarterly_report(2026, 4)
    assert report["meetings"] == []
    assert [(r["folio"], r["reason"]) for r in indicator_row(report, "12.1")["left_out"]] == [
        (meeting.folio, "programada")
    ]
    set_state(meeting, "realizada", today=date(2026, 12, 16))
    db.session.commit()
    report = quarterly_report(2026, 4)
    assert folios(report["meetings"]) == [meeting.folio]
    assert indicator_row(report, "12.1")["achieved"] == 1
