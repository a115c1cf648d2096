"""What the map counts as a relationship: current status, the period rule, filters, meetings."""

from __future__ import annotations

from datetime import date, datetime
from types import SimpleNamespace

import pytest

from registry.agreements import services
from registry.agreements.models import AgreementKind, AgreementParty
from registry.agreements.status import Status
from registry.extensions import db
from registry.map.queries import MapFilters, most_advanced, relationships, status_in_period
from registry.models_base import utcnow
from registry.topics.models import Topic
from tests.factories import make_agreement, make_party, municipality
from tests.map.conftest import SAN_JACINTO, SANTA_LUCIA, XOXOCOTLAN, by_cvegeo, move

Q2 = (date(2025, 4, 1), date(2025, 6, 30))


def history(*moves: tuple[str, date]):
    """An agreement-like object with these (status, act date) moves, in recording order."""
    changes = [
        SimpleNamespace(to_status=Status(status), acted_on=day, recorded_at=datetime(2025, 7, 1),
                        id=number)
        for number, (status, day) in enumerate(moves, start=1)
    ]  # fmt: skip
    return SimpleNamespace(status_changes=changes)


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        # started and still open during the quarter: its status on the last day
        ([("intencion", date(2025, 1, 10))], Status.INTENCION),
        ([("intencion", date(2025, 1, 10)), ("firmado", date(2025, 5, 2))], Status.FIRMADO),
        # a move after the quarter does not count: the status on 30 June
        ([("negociacion", date(2025, 3, 1)), ("firmado", date(2025, 7, 2))], Status.NEGOCIACION),
        # started inside the quarter
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
        ([("intencion", date(2024, 1, 3)), ("cancelado", date(2024, 2, 1)),
          ("negociacion", date(2025, 5, 5))], Status.NEGOCIACION),
    ],
)  # fmt: skip
def test_an_agreement_under_way_in_the_period_shows_its_status_on_the_last_day(moves, expected):
    assert status_in_period(history(*moves), *Q2) == expected


def test_most_advanced_order():
    assert most_advanced([Status.CANCELADO, Status.INTENCION, Status.CONCLUIDO]) == "intencion"
    assert most_advanced([Status.FIRMADO, Status.RATIFICADO, Status.NEGOCIACION]) == "ratificado"
    assert most_advanced([Status.CANCELADO, Status.CONCLUIDO]) == Status.CONCLUIDO
    assert most_advanced([]) is None


def relations_by_cvegeo(filters: MapFilters | None = None) -> dict:
    found = relationships(filters or MapFilters())
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
    city = make_party("Sevilla", kind="extranjera", country="España", latitude=37.39,
                      longitude=-5.98)  # fmt: skip
    agreement = make_agreement(parties=[body, city])
    agreement.parties.append(AgreementParty(party=by_cvegeo("20067")))  # legacy data naming "us"
    db.session.commit()
    found = relationships(MapFilters())
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
        SANTA_LUCIA: "firmado", XOXOCOTLAN: "concluido", SAN_JACINTO: "intencion"}  # fmt: skip
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
    assert len(q2[SANTA_LUCIA].meetings) == 1 and len(q2[XOXOCOTLAN].meetings) == 1
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
    assert sum(len(r.agreements) for r in large.values()) > sum(
        len(r.agreements) for r in small.values()
    )
    assert many.count == few.count <= 3
