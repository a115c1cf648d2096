"""Moving records to the recycle bin: the confirmation page, the reason, who may, the audit."""

from __future__ import annotations

import contextvars

import pytest

from registry.agreements.models import Agreement
from registry.agreements.services import change_status
from registry.audit.models import AuditEvent
from registry.documents.models import Document
from registry.extensions import db
from registry.meetings.models import Evidence, Meeting
from tests.conftest import row_count
from tests.factories import make_agreement, make_document
from tests.forms import submit_form

MODELS = {"agreement": Agreement, "document": Document, "meeting": Meeting, "evidence": Evidence}
ENTITIES = {
    "agreement": "agreement",
    "document": "document",
    "meeting": "meeting",
    "evidence": "evidence",
}


def record_of(records, name):
    return db.session.get(MODELS[name], getattr(records, name).id)


@pytest.mark.parametrize("name", ["agreement", "document", "meeting", "evidence"])
def test_the_confirmation_form_moves_the_record_to_the_bin(editor_client, editor, records, name):
    page = editor_client.get(records.url(name)).get_data(as_text=True)
    assert "Mover a la papelera" in page and "un administrador puede restaurarlo" in page
    response = submit_form(editor_client, records.url(name), {"reason": "Capturado dos veces"})
    assert response.status_code == 302
    record = record_of(records, name)
    assert record.deleted_at is not None
    assert (record.deleted_by_id, record.deletion_reason) == (editor.id, "Capturado dos veces")
    event = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.entity, event.entity_id) == (
        "delete",
        ENTITIES[name],
        str(record.id),
    )
    assert event.before == {"deleted_at": None, "deletion_reason": None}
    assert event.after["deletion_reason"] == "Capturado dos veces" and event.after["deleted_at"]
    assert event.actor == editor.email
    followed = editor_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Se envió a la papelera" in followed


@pytest.mark.parametrize("name", ["agreement", "meeting"])
def test_agreements_and_meetings_need_a_reason(editor_client, records, name):
    events = row_count(AuditEvent)
    response = submit_form(editor_client, records.url(name), {"reason": "   "})
    assert response.status_code == 200
    assert "Escriba el motivo por el que se elimina." in response.get_data(as_text=True)
    assert record_of(records, name).deleted_at is None
    assert row_count(AuditEvent) == events


@pytest.mark.parametrize("name", ["document", "evidence"])
def test_documents_and_evidence_may_go_without_a_reason(editor_client, records, name):
    page = editor_client.get(records.url(name)).get_data(as_text=True)
    assert "Motivo (opcional)" in page
    assert submit_form(editor_client, records.url(name), {}).status_code == 302
    record = record_of(records, name)
    assert record.deleted_at is not None and record.deletion_reason is None


@pytest.mark.parametrize("name", ["agreement", "document", "meeting", "evidence"])
def test_readers_cannot_move_anything_to_the_bin(reader_client, records, name):
    assert reader_client.get(records.url(name)).status_code == 403
    assert reader_client.post(records.url(name), data={"reason": "x"}).status_code == 403
    assert record_of(records, name).deleted_at is None


@pytest.mark.parametrize("name", ["agreement", "document", "meeting", "evidence"])
def test_a_record_in_the_bin_cannot_be_deleted_again(editor_client, records, name):
    submit_form(editor_client, records.url(name), {"reason": "Duplicado"})
    assert editor_client.get(records.url(name)).status_code == 404
    assert editor_client.post(records.url(name), data={"reason": "Otra vez"}).status_code == 404


@pytest.mark.parametrize("who, shown", [("editor_client", True), ("reader_client", False)])
def test_the_detail_pages_offer_the_bin_to_editors_only(request, records, who, shown):
    client = request.getfixturevalue(who)
    agreement = client.get(f"/instrumentos/{records.agreement.id}").get_data(as_text=True)
    meeting = client.get(f"/reuniones/{records.meeting.id}").get_data(as_text=True)
    assert (f'href="{records.url("agreement")}"' in agreement) is shown
    assert (f'href="{records.url("meeting")}"' in meeting) is shown
    assert (f'href="{records.url("evidence")}"' in meeting) is shown


def test_a_document_cited_as_evidence_of_a_status_move_stays(editor_client, app):
    agreement = make_agreement(status="intencion")
    letter = make_document(agreement, "oficio", number="OPM/EXT/0064/2025")
    change_status(agreement, "negociacion", letter.issued_on, evidence=letter)
    db.session.commit()
    url = f"/instrumentos/{agreement.id}/documentos/{letter.id}/eliminar"
    response = submit_form(editor_client, url, {"reason": "Ya no se necesita"})
    assert response.status_code == 200
    assert "es la evidencia de un cambio de estatus" in response.get_data(as_text=True)
    assert db.session.get(Document, letter.id).deleted_at is None


def test_the_folio_of_an_agreement_in_the_bin_is_not_reused(editor_client, records):
    submit_form(editor_client, records.url("agreement"), {"reason": "Duplicado"})
    folio = records.agreement.folio
    page = editor_client.get("/instrumentos/nuevo").get_data(as_text=True)
    assert f'value="{folio}"' not in page  # the next folio proposed is not the binned one
    response = editor_client.post(
        "/instrumentos/nuevo",
        data={
            "kind": "hermanamiento",
            "folio": folio.lower(),
            "title": "Otro hermanamiento",
            "status": "intencion",
            "status_date": "2025-04-25",
            "parties-0-party": str(records.agreement.parties[0].party_id),
        },
    )
    assert response.status_code == 200
    assert f"El folio {folio} es de un instrumento en la papelera." in response.get_data(
        as_text=True
    )
    assert row_count(Agreement) == 1


def test_a_save_by_someone_else_at_the_same_time_is_reported(
    editor_client, records, new_worker, monkeypatch
):
    from registry.meetings import services

    other, trash = new_worker("b"), services.move_to_bin

    def someone_edits(meeting_id: int) -> None:
        with other.app_context():
            db.session.get(Meeting, meeting_id).place = "Palacio Municipal"
            db.session.commit()

    def meanwhile(record, *args, **kwargs):  # another editor's save lands before ours
        contextvars.Context().run(someone_edits, record.id)
        return trash(record, *args, **kwargs)

    monkeypatch.setattr(services, "move_to_bin", meanwhile)
    response = submit_form(editor_client, records.url("meeting"), {"reason": "Duplicada"})
    assert response.status_code == 200
    assert "Otra persona guardó cambios en este registro al mismo tiempo" in response.get_data(
        as_text=True
    )
    meeting = record_of(records, "meeting")
    assert meeting.deleted_at is None and meeting.place == "Palacio Municipal"
