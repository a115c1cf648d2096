"""What the map counts as a relationship: current status, the period rule, filters, meetings."""

from __future__ import annotations

import itertools
from datetime import UTC, date, datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from registry.agreements import services
from registry.agreements.models import Agreement, AgreementKind, AgreementParty, StatusChange
from registry.agreements.status import Status
from registry.extensions import db
from registry.map.queries import MapFilters, relationships
from registry.map.statements import status_at
from registry.models_base import utcnow
from registry.reports.queries import status_on
from registry.topics.models import Topic
from tests.factories import make_agreement, make_party, municipality
from tests.map.conftest import SAN_JACINTO, SANTA_LUCIA, XOXOCOTLAN, by_cvegeo, move


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        # started and still open during the quarter: its status on the last day
        ([("intencion", date(2025, 1, 10))], Status.INTENCION),
        ([("intencion", date(2025, 1, 10)), ("firmado", date(2025, 5, 2))], Status.FIRMADO),
        # a move after the quarter does not count: the status on 30 June
        ([("negociacion", date(2025, 3, 1)), ("firmado", date(2025, 7, 2))], Status.NEGOCIACION),
        # started inside the quarter, on its last day
        ([("firmado", date(2025, 6, 30))], Status.FIRMADO),
        # started after the quarter: not under way
        ([("intencion", date(2025, 7, 1))], None),
        # ended before the quarter: not under way
        ([("firmado", date(2024, 3, 1)), ("concluido", date(2025, 3, 31))], None),
        ([("intencion", date(2024, 3, 1)), ("cancelado", date(2024, 9, 1))], None),
        # ended during the quarter: it was under way, shown as ended
        ([("intencion", date(2025, 1, 3)), ("cancelado", date(2025, 4, 1))], Status.CANCELADO),
        ([("firmado", date(2024, 1, 3)), ("concluido", date(2025, 6, 30))], Status.CONCLUIDO),
        # reopened during the quarter after ending before it: under way again
        (
            [
                ("intencion", date(2024, 1, 3)),
                ("cancelado", date(2024, 2, 1)),
                ("negociacion", date(2025, 5, 5)),
            ],
            Status.NEGOCIACION,
        ),
    ],
)
def test_an_agreement_under_way_in_the_period_shows_its_status_on_the_last_day(
    app, moves, expected
):
    (first, first_day), *later = moves
    agreement = make_agreement(
        parties=[municipality(SANTA_LUCIA)], status=first, acted_on=first_day
    )
    for status, day in later:
        move(agreement, status, day, reason="Motivo de prueba")
    found = relations_by_cvegeo(MapFilters(year=2025, quarter=2))
    assert (found[SANTA_LUCIA].status if SANTA_LUCIA in found else None) == expected


DAYS = [date(2025, 3, 30), date(2025, 3, 31), date(2025, 4, 1)]
INSTANTS = [datetime(2025, 4, 1, 12, tzinfo=UTC), datetime(2025, 4, 2, 12, tzinfo=UTC)]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    moves=st.lists(
        st.tuples(st.sampled_from(list(Status)), st.sampled_from(DAYS), st.sampled_from(INSTANTS)),
        min_size=1,
        max_size=4,
    )
)
def test_the_status_on_a_day_is_the_quarterly_reports(app, moves):
    """Random histories, same-day moves and same-instant records included: the SQL the map
    runs agrees with ``reports.queries.status_on`` on every day around them."""
    agreement = Agreement(
        folio=f"HIP-{next(NUMBERS)}", kind="convenio", title="Prueba", status=moves[-1][0]
    )
    agreement.status_changes = [
        StatusChange(to_status=status, acted_on=day, recorded_at=instant)
        for status, day, instant in moves
    ]
    db.session.add(agreement)
    db.session.flush()
    try:
        for day in [date(2025, 3, 29), *DAYS]:
            in_sql = db.session.scalar(select(status_at(day)).where(Agreement.id == agreement.id))
            assert in_sql == status_on(agreement, day), day
    finally:
        db.session.rollback()


NUMBERS = itertools.count(1)


def relations_by_cvegeo(filters: MapFilters | None = None) -> dict:
    found = relationships(filters or MapFilters()).by_party
    return {relation.cvegeo: relation for relation in found.values()}


def test_without_a_period_every_agreement_counts_with_its_current_status(app):
    slc = municipality(SANTA_LUCIA)
    first = make_agreement(parties=[slc], status="intencion", acted_on=date(2024, 2, 1))
    move(first, "firmado", date(2024, 6, 1))
    make_agreement(parties=[slc, municipality(XOXOCOTLAN)], status="negociacion")
    deleted = make_agreement(parties=[municipality(SAN_JACINTO)], status="ratificado")
    deleted.deleted_at = utcnow()
    db.session.commit()

    found = relations_by_cvegeo()
    assert found[SANTA_LUCIA].status == Status.FIRMADO  # the most advanced of its two
    assert [a.status for a in found[SANTA_LUCIA].agreements] == ["firmado", "negociacion"]
    assert found[XOXOCOTLAN].status == Status.NEGOCIACION
    assert SAN_JACINTO not in found  # its only agreement is in the recycle bin


def test_parties_the_map_cannot_draw_and_us_are_left_out(app):
    body = make_party("Comisión Estatal del Agua")  # no point
    city = make_party(
        "Sevilla", kind="extranjera", country="España", latitude=37.39, longitude=-5.98
    )
    agreement = make_agreement(parties=[body, city])
    agreement.parties.append(AgreementParty(party=by_cvegeo("20067")))  # legacy data naming "us"
    db.session.commit()
    found = relationships(MapFilters()).by_party
    assert [relation.name for relation in found.values()] == ["Sevilla"]


def test_a_period_shows_agreements_under_way_with_their_status_at_its_end(app):
    slc, xox, sja = (municipality(code) for code in (SANTA_LUCIA, XOXOCOTLAN, SAN_JACINTO))
    signed = make_agreement(parties=[slc], status="intencion", acted_on=date(2025, 1, 15))
    move(signed, "firmado", date(2025, 5, 9))
    ended = make_agreement(parties=[xox], status="firmado", acted_on=date(2024, 5, 1))
    move(ended, "concluido", date(2025, 3, 31))
    make_agreement(parties=[sja], status="intencion", acted_on=date(2025, 7, 2))

    q1 = relations_by_cvegeo(MapFilters(year=2025, quarter=1))
    q2 = relations_by_cvegeo(MapFilters(year=2025, quarter=2))
    assert q1[SANTA_LUCIA].status == Status.INTENCION and q2[SANTA_LUCIA].status == "firmado"
    assert q1[XOXOCOTLAN].status == Status.CONCLUIDO and XOXOCOTLAN not in q2
    assert SAN_JACINTO not in q1 and SAN_JACINTO not in q2
    year = relations_by_cvegeo(MapFilters(year=2025))
    assert {code: r.status for code, r in year.items()} == {
        SANTA_LUCIA: "firmado",
        XOXOCOTLAN: "concluido",
        SAN_JACINTO: "intencion",
    }
    assert relations_by_cvegeo(MapFilters(quarter=2)).keys() == year.keys()  # no year: no period


def test_the_status_filter_reads_the_status_of_the_period(app):
    agreement = make_agreement(parties=[municipality(SANTA_LUCIA)], acted_on=date(2025, 2, 1))
    move(agreement, "firmado", date(2025, 5, 9))
    assert SANTA_LUCIA in relations_by_cvegeo(MapFilters(2025, 1, status=Status.INTENCION))
    assert SANTA_LUCIA not in relations_by_cvegeo(MapFilters(2025, 2, status=Status.INTENCION))
    assert SANTA_LUCIA not in relations_by_cvegeo(MapFilters(status=Status.INTENCION))
    assert SANTA_LUCIA in relations_by_cvegeo(MapFilters(status=Status.FIRMADO))


def test_kind_and_topic_filters_apply_to_agreements(app):
    water = db.session.scalar(db.select(Topic).where(Topic.name == "Agua"))
    make_agreement(parties=[municipality(SANTA_LUCIA)], kind="alianza", topics=["Agua"])
    make_agreement(parties=[municipality(XOXOCOTLAN)], kind="convenio", topics=["Seguridad"])
    alliances = relations_by_cvegeo(MapFilters(kind=AgreementKind.ALIANZA))
    assert alliances.keys() == {SANTA_LUCIA}
    assert relations_by_cvegeo(MapFilters(topic_id=water.id)).keys() == {SANTA_LUCIA}


def test_meetings_count_by_first_date_and_ignore_the_agreement_filters(app, make_meeting):
    make_meeting(dates=[date(2025, 3, 31), date(2025, 4, 2)], parties=[SANTA_LUCIA])
    make_meeting(dates=[date(2025, 4, 10)], parties=[SANTA_LUCIA, XOXOCOTLAN])
    q2 = relations_by_cvegeo(MapFilters(2025, 2, status=Status.RATIFICADO))
    assert q2[SANTA_LUCIA].meeting_count == 1 and q2[XOXOCOTLAN].meeting_count == 1
    assert q2[SANTA_LUCIA].agreements == [] and q2[SANTA_LUCIA].activity == 1
    everything = relations_by_cvegeo()
    dates = [meeting.first_date for meeting in everything[SANTA_LUCIA].meetings]
    assert dates == [date(2025, 4, 10), date(2025, 3, 31)]  # latest first


def add_agreements(count: int, start: int) -> None:
    parties = [municipality(code) for code in (SANTA_LUCIA, XOXOCOTLAN, SAN_JACINTO)]
    for number in range(start, start + count):
        agreement = make_agreement(
            parties=[parties[number % 3]], acted_on=date(2025, 1, 1 + number % 28), commit=False
        )
        if number % 2:
            services.change_status(agreement, "firmado", date(2025, 5, 1))
    db.session.commit()


@pytest.mark.parametrize("filters", [MapFilters(), MapFilters(2025, 2, status=Status.FIRMADO)])
def test_statements_do_not_grow_with_agreements(app, make_meeting, count_queries, filters):
    add_agreements(3, 0)
    make_meeting(parties=[SANTA_LUCIA])
    with count_queries() as few:
        small = relationships(filters)
    add_agreements(30, 3)
    with count_queries() as many:
        large = relationships(filters)
    assert large.agreement_total > small.agreement_total
    assert many.count == few.count == 2


def test_only_the_first_agreements_and_meetings_are_listed_but_all_are_counted(app, make_meeting):
    slc = municipality(SANTA_LUCIA)
    for number in range(10):
        make_agreement(parties=[slc], folio=f"CON-2025-{number:03d}", commit=False)
    signed = make_agreement(parties=[slc], folio="CON-2025-999", status="firmado", commit=False)
    db.session.commit()
    for day in range(1, 8):
        make_meeting(dates=[date(2025, 5, day)], parties=[SANTA_LUCIA])
    relation = relations_by_cvegeo()[SANTA_LUCIA]
    assert relation.agreement_count == 11 and relation.meeting_count == 7
    assert [a.folio for a in relation.agreements][:3] == [
        signed.folio,
        "CON-2025-000",
        "CON-2025-001",
    ]
    assert len(relation.agreements) == 8 and len(relation.meetings) == 5
    assert relation.meetings[0].first_date == date(2025, 5, 7)
    assert relation.status == Status.FIRMADO and relation.activity == 18


def test_totals_count_an_agreement_with_two_parties_once(app, make_meeting):
    make_agreement(parties=[municipality(SANTA_LUCIA), municipality(XOXOCOTLAN)])
    make_meeting(parties=[SANTA_LUCIA, XOXOCOTLAN])
    data = relationships(MapFilters())
    assert (data.agreement_total, data.meeting_total) == (1, 1)
    assert [r.agreement_count for r in data.by_party.values()] == [1, 1]
