"""Creating and editing meetings through the real forms; bad input writes nothing."""

from __future__ import annotations

from datetime import date

import pytest

from registry.audit.models import AuditEvent
from registry.commitments.models import Commitment
from registry.extensions import db
from registry.meetings.models import Meeting, MeetingDate, MeetingPerson
from tests.conftest import row_count
from tests.forms import page_forms, submit_form
from tests.meetings.conftest import SAN_JACINTO, SANTA_LUCIA


def test_create_with_two_dates_three_parties_and_two_commitments(editor_client, party, editor):
    parties = [party(SAN_JACINTO).id, party(SANTA_LUCIA).id, party("Comisión Estatal del Agua").id]
    response = submit_form(
        editor_client,
        "/reuniones/nueva",
        {
            "kind": "recorrido",
            "title": "Recorrido en los límites con San Jacinto Amilpas",
            "start_date": "2025-05-15",
            "other_dates": "22/05/2025",
            "place": "Río Atoyac, zona limítrofe",
            "parties": [str(pk) for pk in parties],
            "people-0-name": "Sara Mariana Jara Carrasco",
            "people-0-post": "Titular de la Unidad de Atención de Asuntos Metropolitanos",
            "description": "Identificar problemáticas ambientales en áreas compartidas.",
            "commitments-0-text": "Retirar los escombros del cauce",
            "commitments-0-responsible": str(party(SAN_JACINTO).id),
            "commitments-0-due_on": "2025-06-30",
            "commitments-1-text": "Informe conjunto de puntos de contaminación",
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    meeting = db.session.scalar(db.select(Meeting))
    assert response.headers["Location"].endswith(f"/reuniones/{meeting.id}")
    assert meeting.folio == "REU-2025-001"
    assert [row.day for row in meeting.dates] == [date(2025, 5, 15), date(2025, 5, 22)]
    assert meeting.first_date == date(2025, 5, 15)
    assert sorted(p.id for p in meeting.parties) == sorted(parties)
    assert meeting.indicator.code == "12.2"  # the default of a recorrido
    assert [p.name for p in meeting.people] == ["Sara Mariana Jara Carrasco"]
    assert meeting.created_by_id == editor.id
    texts = [
        (c.text, c.responsible_party_id, c.due_on, c.status.value) for c in meeting.commitments
    ]
    assert texts == [
        ("Retirar los escombros del cauce", party(SAN_JACINTO).id, date(2025, 6, 30), "pendiente"),
        ("Informe conjunto de puntos de contaminación", None, None, "pendiente"),
    ]
    actions = db.session.scalars(db.select(AuditEvent.entity).order_by(AuditEvent.id)).all()
    assert actions == ["meeting", "commitment", "commitment"]

    page = editor_client.get(f"/reuniones/{meeting.id}").get_data(as_text=True)
    assert "15 de mayo de 2025 y 22 de mayo de 2025" in page
    assert "Retirar los escombros del cauce" in page


def test_a_run_of_consecutive_days(editor_client, seeds):
    response = submit_form(
        editor_client,
        "/reuniones/nueva",
        {
            "title": "Foro metropolitano",
            "kind": "otro",
            "start_date": "2025-06-02",
            "end_date": "2025-06-04",
            "indicator": "",
        },
    )
    assert response.status_code == 302
    meeting = db.session.scalar(db.select(Meeting))
    assert [row.day.day for row in meeting.dates] == [2, 3, 4]
    assert meeting.indicator is None


BAD_DATES = [
    pytest.param(
        {"start_date": "2025-05-22", "end_date": "2025-05-15"},
        "end_date",
        "La fecha final no puede ser anterior a la fecha de inicio.",
        id="end-before-start",
    ),
    pytest.param(
        {"start_date": "2025-02-31"},
        "start_date",
        "La fecha «2025-02-31» no existe en el calendario.",
        id="start-does-not-exist",
    ),
    pytest.param(
        {"start_date": "31/02/2025"},
        "start_date",
        "La fecha «31/02/2025» no existe en el calendario.",
        id="typed-start-does-not-exist",
    ),
    pytest.param(
        {"start_date": "2025-05-15", "other_dates": "22/05/2025, 31/02/2025"},
        "other_dates",
        "La fecha «31/02/2025» no existe en el calendario.",
        id="other-date-does-not-exist",
    ),
    pytest.param(
        {"start_date": "2025-05-15", "other_dates": "el jueves"},
        "other_dates",
        "«el» no es una fecha; escríbala como dd/mm/aaaa.",
        id="other-dates-not-dates",
    ),
    pytest.param({"start_date": ""}, "start_date", "Indique la fecha de la reunión.", id="none"),
    pytest.param(
        {"start_date": "0025-05-15"},
        "start_date",
        "está fuera de los años 2000 a 2100",
        id="year-typo",
    ),
]


@pytest.mark.parametrize(("dates", "field", "message"), BAD_DATES)
def test_bad_dates_are_field_errors_and_nothing_is_written(
    editor_client, seeds, dates, field, message
):
    events = row_count(AuditEvent)
    response = submit_form(
        editor_client,
        "/reuniones/nueva",
        {"title": "Reunión con fecha mala", "commitments-0-text": "Algo", **dates},
    )
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert f'id="{field}-error"' in page
    error = page.split(f'id="{field}-error"', 1)[1].split("</div>", 1)[0]
    assert message in error
    assert f'aria-invalid="true" class="form-control is-invalid" id="{field}"' in page
    for model in (Meeting, MeetingDate, Commitment):
        assert row_count(model) == 0
    assert row_count(AuditEvent) == events


def test_a_person_needs_a_name(editor_client, seeds):
    response = submit_form(
        editor_client,
        "/reuniones/nueva",
        {"title": "Reunión", "start_date": "2025-05-08", "people-0-post": "Presidente Municipal"},
    )
    assert response.status_code == 200
    assert "Escriba el nombre de la persona" in response.get_data(as_text=True)
    assert row_count(Meeting) == 0


def test_edit_changes_dates_and_keeps_first_date(editor_client, make_meeting, indicator):
    meeting = make_meeting(dates=[date(2025, 5, 14)])
    response = submit_form(
        editor_client,
        f"/reuniones/{meeting.id}/editar",
        {
            "start_date": "2025-05-22",
            "other_dates": "15/05/2025",
            "indicator": str(indicator("12").id),
        },
    )
    assert response.status_code == 302
    meeting = db.session.get(Meeting, meeting.id)
    assert [row.day for row in meeting.dates] == [date(2025, 5, 15), date(2025, 5, 22)]
    assert meeting.first_date == date(2025, 5, 15)
    assert meeting.indicator.code == "12"
    assert meeting.version == 2
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "update"))
    assert event.before["dates"] == ["2025-05-14"]
    assert event.after["dates"] == ["2025-05-15", "2025-05-22"]


def test_the_edit_form_shows_the_dates_as_entered(editor_client, make_meeting):
    meeting = make_meeting(dates=[date(2025, 6, 2), date(2025, 6, 3), date(2025, 6, 10)])
    page = editor_client.get(f"/reuniones/{meeting.id}/editar").get_data(as_text=True)
    assert 'name="start_date" required type="date" value="2025-06-02"' in page
    assert 'name="end_date" type="date" value="2025-06-03"' in page
    assert 'value="10/06/2025"' in page


def test_a_stale_edit_is_refused(editor_client, make_meeting):
    meeting = make_meeting(title="Título original")
    url = f"/reuniones/{meeting.id}/editar"
    # Two people open the form; the second saves first.
    first_form = page_forms(editor_client.get(url).get_data(as_text=True))[-1]["fields"]
    assert submit_form(editor_client, url, {"title": "Cambio de otra persona"}).status_code == 302
    response = editor_client.post(url, data={**first_form, "title": "Mi cambio"}, csrf=False)
    assert response.status_code == 200
    assert "Otra persona guardó cambios" in response.get_data(as_text=True)
    assert db.session.get(Meeting, meeting.id).title == "Cambio de otra persona"


def test_people_are_kept_and_replaced(editor_client, make_meeting, party):
    meeting = make_meeting()
    url = f"/reuniones/{meeting.id}/editar"
    data = {
        "people-0-name": "Jesús Romero López",
        "people-0-post": "Secretario de Gobierno",
        "people-0-party": str(party("Secretaría de Gobierno").id),
    }
    assert submit_form(editor_client, url, data).status_code == 302
    assert [(p.name, p.party.name) for p in db.session.scalars(db.select(MeetingPerson))] == [
        ("Jesús Romero López", "Secretaría de Gobierno")
    ]
    emptied = {"people-0-name": "", "people-0-post": "", "people-0-party": ""}
    assert submit_form(editor_client, url, emptied).status_code == 302
    assert row_count(MeetingPerson) == 0


def test_link_agreements(editor_client, make_meeting, make_agreement):
    meeting = make_meeting()
    ensenada = make_agreement("Hermanamiento Oaxaca de Juárez – Ensenada")
    deleted = make_agreement("Instrumento borrado")
    deleted.deleted_at = meeting.created_at
    db.session.commit()
    url = f"/reuniones/{meeting.id}/editar"
    page = editor_client.get(url).get_data(as_text=True)
    assert "Hermanamiento Oaxaca de Juárez – Ensenada" in page
    assert "Instrumento borrado" not in page
    assert submit_form(editor_client, url, {"agreements": [str(ensenada.id)]}).status_code == 302
    assert [a.folio for a in db.session.get(Meeting, meeting.id).agreements] == [ensenada.folio]
    assert ensenada.folio in editor_client.get(f"/reuniones/{meeting.id}").get_data(as_text=True)


def test_delete_hides_the_meeting(editor_client, make_meeting):
    meeting = make_meeting(title="Reunión registrada por error")
    url = f"/reuniones/{meeting.id}/eliminar"  # the confirmation page asks for the reason
    response = submit_form(editor_client, url, {"reason": "Capturada dos veces"})
    assert response.status_code == 302
    assert editor_client.get(f"/reuniones/{meeting.id}").status_code == 404
    assert "registrada por error" not in editor_client.get("/reuniones/").get_data(as_text=True)
    assert row_count(Meeting) == 1  # kept for the audit trail


def test_readers_see_no_editing_buttons(reader_client, make_meeting):
    meeting = make_meeting()
    page = reader_client.get(f"/reuniones/{meeting.id}").get_data(as_text=True)
    assert "Editar" not in page and "Agregar un acuerdo" not in page
    assert "Eliminar" not in page and "Subir una fotografía" not in page


def test_an_impossible_time_is_a_field_error(editor_client, seeds):
    response = submit_form(
        editor_client,
        "/reuniones/nueva",
        {"title": "Reunión", "start_date": "2025-05-08", "start_time": "25:00"},
    )
    assert response.status_code == 200
    assert "«25:00» no es una hora válida" in response.get_data(as_text=True)
    assert row_count(Meeting) == 0


def test_a_folio_taken_at_the_same_instant_writes_nothing(editor_client, make_meeting, monkeypatch):
    make_meeting()
    monkeypatch.setattr("registry.meetings.services.next_folio", lambda *args: "REU-2025-001")
    events = row_count(AuditEvent)
    response = submit_form(
        editor_client,
        "/reuniones/nueva",
        {"title": "Reunión simultánea", "start_date": "2025-05-08", "commitments-0-text": "X"},
    )
    assert response.status_code == 200
    assert "pulse Guardar otra vez" in response.get_data(as_text=True)
    assert row_count(Meeting) == 1 and row_count(Commitment) == 0
    assert row_count(AuditEvent) == events


def test_a_programada_meeting_past_its_dates_is_confirmed_or_cancelled(editor_client, party):
    """The dashboard asks about it; its page confirms it (or cancels it, with a reason)."""
    from tests.factories import make_meeting

    meeting = make_meeting(
        date(2025, 5, 9), parties=[party(SANTA_LUCIA)], state="programada", folio="REU-2025-001"
    )
    other = make_meeting(
        date(2025, 5, 10), parties=[party(SANTA_LUCIA)], state="programada", folio="REU-2025-002"
    )
    dashboard = editor_client.get("/").get_data(as_text=True)
    assert "Por confirmar" in dashboard and meeting.title in dashboard

    refused = editor_client.post(f"/reuniones/{other.id}/estado", data={"state": "cancelada"})
    assert refused.status_code == 422
    assert "Escriba el motivo de la cancelación." in refused.get_data(as_text=True)
    assert db.session.get(Meeting, other.id).state == "programada"

    page = f"/reuniones/{meeting.id}"
    assert "Confirmar que se realizó" in editor_client.get(page).get_data(as_text=True)
    done = editor_client.post(f"{page}/estado", data={"state": "realizada"})
    assert done.status_code == 302
    cancelled = editor_client.post(
        f"/reuniones/{other.id}/estado", data={"state": "cancelada", "reason": "Se suspendió"}
    )
    assert cancelled.status_code == 302
    assert db.session.get(Meeting, meeting.id).state == "realizada"
    gone = db.session.get(Meeting, other.id)
    assert (gone.state, gone.cancellation_reason) == ("cancelada", "Se suspendió")
    assert "Por confirmar" not in editor_client.get("/").get_data(as_text=True)


def test_a_meeting_dated_ahead_cannot_be_recorded_as_held(editor_client):
    response = submit_form(
        editor_client,
        "/reuniones/nueva",
        {
            "kind": "reunion_trabajo",
            "title": "Futura",
            "start_date": "2099-01-05",
            "state": "realizada",
        },
    )
    assert response.status_code == 200
    assert "todas sus fechas por venir" in response.get_data(as_text=True)
    assert row_count(Meeting) == 0
