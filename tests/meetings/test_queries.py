"""The query functions other domains' pages use: an agreement's timeline, a party's page."""

from __future__ import annotations

from datetime import date

from registry.extensions import db
from registry.meetings import queries
from registry.meetings.services import MeetingData, update_meeting
from tests.meetings.conftest import SAN_JACINTO, SANTA_LUCIA


def test_for_agreement_oldest_first_without_deleted(make_meeting, make_agreement):
    ensenada = make_agreement("Hermanamiento – Ensenada")
    other = make_agreement("Hermanamiento – Los Cabos")
    late = make_meeting("Segunda reunión", [date(2025, 6, 2)], agreements=[ensenada])
    early = make_meeting("Primera reunión", [date(2025, 4, 29)], agreements=[ensenada, other])
    gone = make_meeting("Reunión borrada", [date(2025, 5, 1)], agreements=[ensenada])
    make_meeting("Sin vínculo", [date(2025, 5, 2)])
    gone.deleted_at = gone.created_at
    db.session.commit()
    assert [m.id for m in queries.for_agreement(ensenada.id)] == [early.id, late.id]
    assert [m.id for m in queries.for_agreement(other.id)] == [early.id]
    assert queries.for_agreement(9999) == []


def test_for_party_latest_first_with_a_limit(make_meeting, party):
    older = make_meeting("Antes", [date(2025, 5, 8)], parties=[SANTA_LUCIA])
    newer = make_meeting("Después", [date(2025, 6, 12)], parties=[SANTA_LUCIA, SAN_JACINTO])
    make_meeting("Otra contraparte", [date(2025, 6, 20)], parties=[SAN_JACINTO])
    santa_lucia = party(SANTA_LUCIA).id
    assert [m.id for m in queries.for_party(santa_lucia)] == [newer.id, older.id]
    assert [m.id for m in queries.for_party(santa_lucia, limit=1)] == [newer.id]
    assert queries.count_for_party(santa_lucia) == 2
    assert queries.count_for_party(party(SAN_JACINTO).id) == 2


def test_for_party_loads_what_a_list_shows_in_bounded_statements(
    make_meeting, party, count_queries
):
    for number in range(6):
        make_meeting(f"Reunión {number}", [date(2025, 5, 1 + number), date(2025, 6, 1 + number)])
    db.session.expire_all()
    with count_queries() as counter:
        meetings = queries.for_party(party(SANTA_LUCIA).id)
        shown = [(m.title, [d.day for d in m.dates], [p.name for p in m.parties]) for m in meetings]
    assert len(shown) == 6
    assert counter.count <= 5  # the party lookup, the meetings, and one per eager relationship


def test_in_period_is_by_first_date(make_meeting):
    spans = make_meeting("Del 30 de junio al 1 de julio", [date(2025, 6, 30), date(2025, 7, 1)])
    make_meeting("Julio", [date(2025, 7, 2)])
    april = make_meeting("Abril", [date(2025, 4, 1)])
    found = queries.in_period(date(2025, 4, 1), date(2025, 6, 30))
    assert [m.id for m in found] == [april.id, spans.id]


def test_first_date_follows_the_dates(make_meeting):
    meeting = make_meeting(dates=[date(2025, 5, 22)])
    data = MeetingData(
        kind=meeting.kind, title=meeting.title, dates=[date(2025, 5, 22), date(2025, 5, 15)]
    )
    update_meeting(meeting, data)
    db.session.commit()
    assert meeting.first_date == date(2025, 5, 15)


def test_the_list_macro_for_other_pages(app, make_meeting, make_agreement):
    ensenada = make_agreement()
    meeting = make_meeting("Reunión con Ensenada", [date(2025, 4, 29)], agreements=[ensenada])
    template = app.jinja_env.from_string(
        '{% from "meetings/_macros.html" import meeting_list %}{{ meeting_list(meetings) }}'
    )
    with app.test_request_context():
        html = template.render(meetings=queries.for_agreement(ensenada.id))
        empty = template.render(meetings=[])
    assert f'href="/reuniones/{meeting.id}">Reunión con Ensenada</a>' in html
    assert "29 de abril de 2025" in html
    assert "Sin reuniones registradas." in empty


def test_changing_only_the_parties_is_a_new_version(make_meeting, party):
    meeting = make_meeting(parties=[SANTA_LUCIA])
    data = MeetingData(
        kind=meeting.kind,
        title=meeting.title,
        dates=[d.day for d in meeting.dates],
        parties=[party(SANTA_LUCIA), party(SAN_JACINTO)],
        indicator=meeting.indicator,
    )
    update_meeting(meeting, data, expected_version=1)
    db.session.commit()
    assert meeting.version == 2
    update_meeting(meeting, data, expected_version=2)  # nothing changed: same version
    db.session.commit()
    assert meeting.version == 2
