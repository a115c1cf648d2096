"""Commitments: add, close, cancel, reopen; the open list, overdue first; the dashboard count."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from registry.audit.models import AuditEvent
from registry.commitments import queries
from registry.commitments import services as commitments
from registry.commitments.models import Commitment, CommitmentStatus
from registry.dates import today_local
from registry.errors import DomainError
from registry.extensions import db
from tests.conftest import row_count
from tests.forms import submit_form
from tests.meetings.conftest import SAN_JACINTO, SANTA_LUCIA, form_index


@pytest.fixture
def add(make_meeting, party):
    """``add(text, due_on=..., responsible=key)``: a pending commitment of a new meeting."""
    meeting = make_meeting()

    def make(text: str, due_on: date | None = None, responsible: str | None = None):
        item = commitments.add_commitment(
            meeting, text, party(responsible) if responsible else None, due_on
        )
        db.session.commit()
        return item

    return make


def test_add_a_commitment_with_the_detail_page_form(editor_client, make_meeting, party):
    meeting = make_meeting()
    url = f"/reuniones/{meeting.id}"
    action = f"/reuniones/{meeting.id}/acuerdos"
    index = form_index(editor_client.get(url).get_data(as_text=True), action)
    data = {
        "text": "Mesa técnica sobre límites",
        "responsible": str(party(SAN_JACINTO).id),
        "due_on": "2025-07-15",
    }
    response = submit_form(editor_client, url, data, form_index=index)
    assert response.status_code == 302
    item = db.session.scalar(db.select(Commitment))
    assert (item.text, item.responsible_party.cvegeo, item.due_on) == (
        "Mesa técnica sobre límites",
        SAN_JACINTO,
        date(2025, 7, 15),
    )


def test_a_bad_due_date_writes_nothing(editor_client, make_meeting):
    meeting = make_meeting()
    response = editor_client.post(
        f"/reuniones/{meeting.id}/acuerdos", data={"text": "Algo", "due_on": "2025-02-30"}
    )
    assert response.status_code == 200
    assert "La fecha «2025-02-30» no existe en el calendario." in response.get_data(as_text=True)
    assert row_count(Commitment) == 0


def test_close_from_the_open_list_and_it_leaves_the_list(editor_client, add, editor):
    item = add("Entregar el padrón de colonias", due_on=date(2025, 6, 1))
    other = add("Revisar el convenio de agua")
    page = editor_client.get("/reuniones/acuerdos").get_data(as_text=True)
    assert "Entregar el padrón de colonias" in page
    action = f"/reuniones/acuerdos/{item.id}/cumplir"
    response = submit_form(
        editor_client, "/reuniones/acuerdos", {}, form_index=form_index(page, action)
    )
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/reuniones/acuerdos")
    item = db.session.get(Commitment, item.id)
    assert item.status == CommitmentStatus.CUMPLIDO
    assert item.closed_by_id == editor.id and item.closed_at is not None
    page = editor_client.get("/reuniones/acuerdos").get_data(as_text=True)
    assert "Entregar el padrón de colonias" not in page
    assert "Revisar el convenio de agua" in page
    assert db.session.get(Commitment, other.id).status == CommitmentStatus.PENDIENTE
    event = db.session.scalar(db.select(AuditEvent).where(AuditEvent.action == "close"))
    assert event.after["status"] == "cumplido" and event.user_id == editor.id


def test_cancel_needs_a_reason(editor_client, add):
    item = add("Instalar luminarias en el límite")
    url = f"/reuniones/acuerdos/{item.id}/cancelar"
    response = editor_client.post(url, data={"note": "  "})
    assert response.status_code == 200
    assert "Escriba el motivo de la cancelación." in response.get_data(as_text=True)
    assert db.session.get(Commitment, item.id).status == CommitmentStatus.PENDIENTE
    response = editor_client.post(url, data={"note": "Lo atiende el Gobierno del Estado"})
    assert response.status_code == 302
    item = db.session.get(Commitment, item.id)
    assert item.status == CommitmentStatus.CANCELADO
    assert item.closing_note == "Lo atiende el Gobierno del Estado"


def test_reopen_forgets_who_closed_it(editor_client, add, editor):
    item = add("Entregar el padrón de colonias")
    commitments.close_commitment(item, editor, "Oficio 12/2025")
    db.session.commit()
    assert editor_client.post(f"/reuniones/acuerdos/{item.id}/reabrir").status_code == 302
    item = db.session.get(Commitment, item.id)
    assert (item.status, item.closed_at, item.closed_by_id, item.closing_note) == (
        CommitmentStatus.PENDIENTE,
        None,
        None,
        None,
    )


@pytest.mark.parametrize(
    ("start", "change", "allowed"),
    [
        ("pendiente", "close", True),
        ("pendiente", "cancel", True),
        ("pendiente", "reopen", False),
        ("cumplido", "close", False),
        ("cumplido", "cancel", False),
        ("cumplido", "reopen", True),
        ("cancelado", "close", False),
        ("cancelado", "reopen", True),
    ],
)
def test_status_changes(add, editor, start, change, allowed):
    item = add("Acuerdo")
    item.status = CommitmentStatus(start)
    db.session.commit()
    action = {
        "close": lambda: commitments.close_commitment(item, editor),
        "cancel": lambda: commitments.cancel_commitment(item, "motivo", editor),
        "reopen": lambda: commitments.reopen_commitment(item, editor),
    }[change]
    if allowed:
        action()
    else:
        with pytest.raises(DomainError):
            action()


def test_a_second_close_is_refused_and_writes_nothing(editor_client, add):
    item = add("Acuerdo")
    assert editor_client.post(f"/reuniones/acuerdos/{item.id}/cumplir").status_code == 302
    events = row_count(AuditEvent)
    response = editor_client.post(f"/reuniones/acuerdos/{item.id}/cumplir")
    assert response.status_code == 200
    assert "Ese acuerdo ya está cumplido." in response.get_data(as_text=True)
    assert row_count(AuditEvent) == events


def test_overdue_first_then_by_due_date(editor_client, add):
    today = today_local()
    later = add("Vence dentro de un mes", due_on=today + timedelta(days=30))
    undated = add("Sin fecha límite")
    overdue_recent = add("Venció ayer", due_on=today - timedelta(days=1))
    overdue_old = add("Venció hace mucho", due_on=today - timedelta(days=90))
    due_today = add("Vence hoy", due_on=today)
    order = [c.id for c in db.session.scalars(queries.open_commitments())]
    assert order == [overdue_old.id, overdue_recent.id, due_today.id, later.id, undated.id]
    assert queries.overdue_count() == (2, True)
    page = editor_client.get("/reuniones/acuerdos").get_data(as_text=True)
    assert page.index("Venció hace mucho") < page.index("Venció ayer") < page.index("Vence hoy")
    assert "2 vencidos" in page


def test_filter_by_responsible_party(reader_client, add, party):
    add("Del municipio vecino", responsible=SANTA_LUCIA)
    add("De San Jacinto", responsible=SAN_JACINTO)
    page = reader_client.get(f"/reuniones/acuerdos?contraparte={party(SANTA_LUCIA).id}")
    text = page.get_data(as_text=True)
    assert "Del municipio vecino" in text and "De San Jacinto" not in text
    assert "Santa Lucía del Camino (1)" in text


def test_commitments_of_a_deleted_meeting_are_hidden(reader_client, add):
    item = add("Acuerdo de una reunión borrada", due_on=date(2025, 1, 1))
    item.meeting.deleted_at = item.meeting.created_at
    db.session.commit()
    assert "reunión borrada" not in reader_client.get("/reuniones/acuerdos").get_data(as_text=True)
    assert queries.overdue_count() == (0, True)
    assert reader_client.get(f"/reuniones/acuerdos/{item.id}").status_code == 404


def test_dashboard_shows_the_overdue_count(reader_client, add):
    add("Venció", due_on=today_local() - timedelta(days=3))
    add("No ha vencido", due_on=today_local() + timedelta(days=3))
    page = reader_client.get("/").get_data(as_text=True)
    assert (
        '<a class="link-danger fw-semibold" href="/reuniones/acuerdos">1 acuerdo vencido</a>'
        in page
    )


def test_the_open_list_has_a_bounded_number_of_statements(reader_client, add, count_queries):
    def statements() -> int:
        with count_queries() as counter:
            assert reader_client.get("/reuniones/acuerdos").status_code == 200
        return counter.count

    add("Uno", responsible=SANTA_LUCIA)
    few = statements()
    for number in range(15):
        add(f"Acuerdo {number}", responsible=SAN_JACINTO, due_on=date(2025, 1, 1 + number))
    assert statements() == few


def test_the_commitment_page_shows_who_closed_it(reader_client, add, editor):
    item = add("Entregar el padrón de colonias")
    commitments.close_commitment(item, editor, "Oficio 12/2025")
    db.session.commit()
    page = reader_client.get(f"/reuniones/acuerdos/{item.id}").get_data(as_text=True)
    assert "registrado por Sara Editora" in page and "Oficio 12/2025" in page
