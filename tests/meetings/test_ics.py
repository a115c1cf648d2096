"""iCalendar: each meeting as .ics, and each user's private feed, read back with `icalendar`."""

from __future__ import annotations

from datetime import date, time, timedelta
from email.message import EmailMessage

import pytest
from icalendar import Calendar

from registry.auth.models import Role
from registry.dates import LOCAL_ZONE, today_local
from registry.extensions import db
from registry.meetings.models import MeetingKind

TITLE = "Reunión sobre límites: fraccionamiento Los Sauces, colonias Ejidal y Emiliano Zapata"
PLACE = "Palacio Municipal, Oaxaca de Juárez"
DESCRIPTION = (
    "Se abordaron los desafíos relacionados con los límites territoriales; buscando establecer "
    "acuerdos que reconozcan jurídicamente las zonas compartidas, «ñandú» incluido, con comas, "
    "punto y coma; y dos líneas.\nSegunda línea."
)


def parse(response) -> Calendar:
    assert response.status_code == 200
    assert response.mimetype == "text/calendar"
    assert response.content_type == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.data)


def events(calendar: Calendar) -> list:
    return list(calendar.walk("VEVENT"))


def download_name(response) -> str:
    """The file name a browser saves the download as, read by the standard library's parser."""
    message = EmailMessage()
    message["Content-Disposition"] = response.headers["Content-Disposition"]
    assert message.get_content_disposition() == "attachment"
    return message.get_filename()


def test_round_trip_of_an_all_day_meeting_with_two_dates(reader_client, make_meeting):
    meeting = make_meeting(
        title=TITLE,
        place=PLACE,
        description=DESCRIPTION,
        kind=MeetingKind.RECORRIDO,
        dates=[date(2025, 5, 22), date(2025, 5, 15)],
    )
    response = reader_client.get(f"/reuniones/{meeting.id}.ics")
    assert download_name(response) == "REU-2025-001.ics"
    found = events(parse(response))
    assert len(found) == 2
    for event, day in zip(found, [date(2025, 5, 15), date(2025, 5, 22)], strict=True):
        assert str(event["SUMMARY"]) == TITLE
        assert str(event["LOCATION"]) == PLACE
        assert str(event["DESCRIPTION"]).startswith(DESCRIPTION + "\n\n")
        assert "Participantes: Santa Lucía del Camino" in str(event["DESCRIPTION"])
        assert "Folio: REU-2025-001" in str(event["DESCRIPTION"])
        assert event.decoded("DTSTART") == day  # a date: an all-day event
        assert event.decoded("DTEND") == day + timedelta(days=1)
        assert str(event["URL"]).endswith(f"/reuniones/{meeting.id}")
    assert len({str(event["UID"]) for event in found}) == 2


HOSTILE_FOLIO = "A\";FILENAME*=UTF-8''B.HTML;X=\""


def test_a_folio_cannot_add_parameters_to_the_download_header(reader_client, make_meeting):
    """Finding 6 of issue 15: a folio imported before folios were checked named the .ics file
    unquoted, and Chromium saved it as B.HTML."""
    meeting = make_meeting()
    meeting.folio = HOSTILE_FOLIO  # as the import stored it then (it now refuses such a folio)
    db.session.commit()
    response = reader_client.get(f"/reuniones/{meeting.id}.ics")
    assert response.status_code == 200
    assert download_name(response) == HOSTILE_FOLIO + ".ics"
    message = EmailMessage()
    message["Content-Disposition"] = response.headers["Content-Disposition"]
    parameters = [name for name, _value in message.get_params(header="content-disposition")]
    assert parameters == ["attachment", "filename"]


def test_line_breaks_in_the_text_never_break_the_calendar(reader_client, make_meeting):
    """Finding 6 of issue 15: a CR or LF in a title made the .ics a 500, or a raw CR in the file."""
    meeting = make_meeting(
        title="Mesa de seguridad\r\nX-INYECTADO:1\rsegunda parte",
        place="Palacio\rMunicipal\n",
        description="Primera línea\r\nsegunda\rtercera",
    )
    response = reader_client.get(f"/reuniones/{meeting.id}.ics")
    body = response.data
    assert body.count(b"\r") == body.count(b"\r\n") and b"\nX-INYECTADO" not in body
    assert all(line[:1] != b"\n" for line in body.split(b"\r\n"))
    calendar = parse(response)
    assert str(calendar["X-WR-CALNAME"]) == "Mesa de seguridad X-INYECTADO:1 segunda parte"
    (event,) = events(calendar)
    assert str(event["SUMMARY"]) == "Mesa de seguridad X-INYECTADO:1 segunda parte"
    assert str(event["LOCATION"]) == "Palacio Municipal"
    assert str(event["DESCRIPTION"]).startswith("Primera línea\nsegunda\ntercera\n\n")


def test_a_meeting_with_a_time_is_local_time_with_its_timezone(reader_client, make_meeting):
    meeting = make_meeting(dates=[date(2025, 5, 23)], start_time=time(10, 30))
    calendar = parse(reader_client.get(f"/reuniones/{meeting.id}.ics"))
    (event,) = events(calendar)
    start = event.decoded("DTSTART")
    assert (start.hour, start.minute) == (10, 30)
    assert start.utcoffset() == timedelta(hours=-6)  # no daylight saving time since 2022
    assert event["DTSTART"].params["TZID"] == "America/Mexico_City"
    assert [str(tz["TZID"]) for tz in calendar.walk("VTIMEZONE")] == ["America/Mexico_City"]
    assert "DTEND" not in event  # no end time is recorded: nothing is invented


def test_uids_are_stable_and_sequence_follows_edits(reader_client, make_meeting):
    meeting = make_meeting(dates=[date(2025, 5, 14)])
    first = events(parse(reader_client.get(f"/reuniones/{meeting.id}.ics")))[0]
    meeting.title = "Título corregido"
    db.session.commit()
    second = events(parse(reader_client.get(f"/reuniones/{meeting.id}.ics")))[0]
    assert str(first["UID"]) == str(second["UID"])
    assert (first["SEQUENCE"], second["SEQUENCE"]) == (0, 1)


# The feed ----------------------------------------------------------------------------------------


def feed_url(user) -> str:
    return f"/reuniones/feed/{user.id}/{user.feed_token}.ics"


def test_a_reader_creates_a_feed_and_a_phone_reads_it_without_a_session(
    app, reader_client, reader, make_meeting
):
    today = today_local()
    make_meeting(title="Mesa de seguridad próxima", dates=[today + timedelta(days=3)])
    make_meeting(title="Reunión de hace un año", dates=[today - timedelta(days=365)])
    assert reader_client.post("/reuniones/suscripcion/activar").status_code == 302
    reader = db.session.get(type(reader), reader.id)
    assert reader.feed_token and len(reader.feed_token) >= 40
    page = reader_client.get("/reuniones/suscripcion").get_data(as_text=True)
    assert f"http://localhost{feed_url(reader)}" in page
    assert f"webcal://localhost{feed_url(reader)}" in page

    phone = app.test_client()  # no session at all
    calendar = parse(phone.get(feed_url(reader)))
    titles = [str(event["SUMMARY"]) for event in events(calendar)]
    assert titles == ["Mesa de seguridad próxima"]
    assert str(calendar["X-WR-CALNAME"]) == "Reuniones metropolitanas"


def test_regenerating_revokes_the_old_url(app, reader_client, reader):
    reader_client.post("/reuniones/suscripcion/activar")
    old = feed_url(db.session.get(type(reader), reader.id))
    reader_client.post("/reuniones/suscripcion/activar")
    new = feed_url(db.session.get(type(reader), reader.id))
    phone = app.test_client()
    assert phone.get(old).status_code == 404
    assert phone.get(new).status_code == 200


def test_a_revoked_feed_answers_404(app, reader_client, reader):
    reader_client.post("/reuniones/suscripcion/activar")
    url = feed_url(db.session.get(type(reader), reader.id))
    assert reader_client.post("/reuniones/suscripcion/revocar").status_code == 302
    assert db.session.get(type(reader), reader.id).feed_token is None
    assert app.test_client().get(url).status_code == 404
    assert "La suscripción está desactivada" in reader_client.get(
        "/reuniones/suscripcion"
    ).get_data(as_text=True)


def test_a_deactivated_users_feed_answers_404(app, make_user):
    user = make_user(Role.EDITOR, feed_token="t" * 43)
    phone = app.test_client()
    assert phone.get(feed_url(user)).status_code == 200
    user.active = False
    db.session.commit()
    assert phone.get(feed_url(user)).status_code == 404


def test_an_admins_forced_reset_and_a_deactivation_change_the_feed_url(app, admin, reader):
    """Finding 8 of issue 15: the feed URL is a credential; it goes with the sessions."""
    phone = app.test_client()
    admin_client = app.test_client().login_as(admin)
    reader_client = app.test_client().login_as(reader)
    reader_client.post("/reuniones/suscripcion/activar")
    before_reset = feed_url(db.session.get(type(reader), reader.id))
    assert phone.get(before_reset).status_code == 200
    assert admin_client.post(f"/admin/usuarios/{reader.id}/restablecer").status_code == 200
    assert phone.get(before_reset).status_code == 404

    before_deactivation = feed_url(db.session.get(type(reader), reader.id))
    assert before_deactivation != before_reset
    assert admin_client.post(f"/admin/usuarios/{reader.id}/desactivar").status_code == 302
    assert admin_client.post(f"/admin/usuarios/{reader.id}/reactivar").status_code == 302
    assert db.session.get(type(reader), reader.id).active
    assert phone.get(before_deactivation).status_code == 404
    # The owner sees the new address on their page once they sign in again.
    assert phone.get(feed_url(db.session.get(type(reader), reader.id))).status_code == 200


@pytest.mark.parametrize("path", ["{id}/{wrong}.ics", "{other}/{token}.ics", "{id}/.ics"])
def test_wrong_tokens_answer_404(app, make_user, path):
    owner = make_user(feed_token="a" * 43)
    other = make_user(feed_token="b" * 43)
    url = "/reuniones/feed/" + path.format(
        id=owner.id, wrong="a" * 42 + "c", other=other.id, token=owner.feed_token
    )
    assert app.test_client().get(url).status_code == 404


def test_the_token_never_reaches_the_audit_trail(reader_client, reader):
    from registry.audit.models import AuditEvent

    reader_client.post("/reuniones/suscripcion/activar")
    token = db.session.get(type(reader), reader.id).feed_token
    for event in db.session.scalars(db.select(AuditEvent)):
        assert token not in str(event.before) + str(event.after)
    actions = db.session.scalars(db.select(AuditEvent.action)).all()
    assert actions == ["calendar_feed_issued"]


def test_feed_events_use_local_time(app, make_user, make_meeting):
    user = make_user(feed_token="z" * 43)
    day = today_local() + timedelta(days=1)
    make_meeting(dates=[day], start_time=time(9, 0))
    (event,) = events(parse(app.test_client().get(feed_url(user))))
    assert event.decoded("DTSTART").astimezone(LOCAL_ZONE).hour == 9
