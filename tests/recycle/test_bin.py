"""The recycle bin page (admins): what is in it, filtering, restoring, and who may."""

from __future__ import annotations

import contextvars

import pytest

from registry.agreements.history import agreement_state
from registry.agreements.models import Agreement
from registry.audit.models import AuditEvent
from registry.documents.models import Document
from registry.extensions import db
from registry.meetings.models import Evidence, Meeting
from registry.recycle import services
from registry.recycle.services import move_to_bin
from tests.factories import make_agreement
from tests.forms import page_forms

BIN = "/admin/papelera/"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def restore_url(kind: str, record) -> str:
    return f"/admin/papelera/{kind}/{record.id}/restaurar"


def test_the_bin_lists_every_kind_with_who_when_and_why(admin_client, editor, records):
    assert "La papelera está vacía." in text(admin_client.get(BIN))
    move_to_bin(records.evidence, "Publicación equivocada", user=editor)
    move_to_bin(records.document, None, user=editor)
    move_to_bin(records.meeting, "Capturada dos veces", user=editor)
    move_to_bin(records.agreement, "Duplicado de <HER-2025-002>", user=editor)
    db.session.commit()
    page = text(admin_client.get(BIN))
    for expected in (
        records.agreement.folio,
        records.meeting.folio,
        "Acuerdo de ratificación",
        "facebook.com/MunicipioOaxaca",
        "Capturada dos veces",
        "Publicación equivocada",
        "Duplicado de &lt;HER-2025-002&gt;",
        f"por {editor.full_name}",
    ):
        assert expected in page, expected
    # most recently deleted first
    assert page.index(records.agreement.title) < page.index(records.meeting.title)
    assert "restáurelo primero" in page and "restáurela primero" in page
    actions = [form["action"] for form in page_forms(page)]
    assert restore_url("instrumento", records.agreement) in actions
    assert restore_url("documento", records.document) not in actions  # its agreement first
    history = f'href="/admin/auditoria/?entity=agreement&amp;record={records.agreement.id}"'
    assert history in page


def test_filter_by_kind(admin_client, records):
    move_to_bin(records.agreement, "Duplicado")
    move_to_bin(records.evidence)
    db.session.commit()
    page = text(admin_client.get(BIN + "?kind=evidencia"))
    assert "facebook.com/MunicipioOaxaca" in page and records.agreement.title not in page
    assert "No hay registros de ese tipo" in text(admin_client.get(BIN + "?kind=documento"))
    assert records.agreement.title in text(admin_client.get(BIN + "?kind=nada"))  # ignored


def test_restore_brings_the_agreement_back_unchanged(admin_client, admin, editor, records):
    agreement = records.agreement
    state = agreement_state(agreement)
    del state["version"]
    move_to_bin(agreement, "Duplicado", user=editor)
    db.session.commit()
    page = text(admin_client.get(BIN))
    form = next(f for f in page_forms(page) if f["action"] == restore_url("instrumento", agreement))
    response = admin_client.post(form["action"], data=form["fields"], csrf=False)
    assert response.status_code == 302
    assert "Se restauró" in text(admin_client.get(response.headers["Location"]))
    restored = db.session.get(Agreement, agreement.id)
    assert restored.deleted_at is None and restored.deleted_by_id is None
    assert restored.deletion_reason is None
    assert {k: v for k, v in agreement_state(restored).items() if k != "version"} == state
    event = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert (event.action, event.entity, event.user_id) == ("restore", "agreement", admin.id)
    assert event.before["deletion_reason"] == "Duplicado" and event.after["deleted_at"] is None
    assert text(admin_client.get(f"/instrumentos/{agreement.id}"))


@pytest.mark.parametrize(
    "kind, child, parent",
    [("documento", "document", "agreement"), ("evidencia", "evidence", "meeting")],
)
def test_an_attachment_waits_for_its_record(admin_client, records, kind, child, parent):
    move_to_bin(getattr(records, child))
    move_to_bin(getattr(records, parent), "Duplicado")
    db.session.commit()
    response = admin_client.post(restore_url(kind, getattr(records, child)), follow_redirects=True)
    assert "también está en la papelera: restaure primero" in text(response)
    model = {"document": Document, "evidence": Evidence}[child]
    assert db.session.get(model, getattr(records, child).id).deleted_at is not None


def test_restoring_a_record_that_is_not_in_the_bin_changes_nothing(admin_client, records):
    events = db.session.scalar(db.select(db.func.count(AuditEvent.id)))
    response = admin_client.post(restore_url("reunion", records.meeting), follow_redirects=True)
    assert "no está en la papelera" in text(response)
    assert db.session.scalar(db.select(db.func.count(AuditEvent.id))) == events


def test_a_folio_taken_meanwhile_blocks_the_restore(admin_client, records):
    move_to_bin(records.agreement, "Duplicado")
    db.session.commit()
    # only possible by hand in the database: the same folio in other letter case
    other = make_agreement(folio="CON-2025-900")
    folio = records.agreement.folio.lower()
    db.session.execute(db.update(Agreement).where(Agreement.id == other.id).values(folio=folio))
    db.session.commit()
    response = admin_client.post(
        restore_url("instrumento", records.agreement), follow_redirects=True
    )
    assert "ya lo usa otro registro" in text(response)
    assert db.session.get(Agreement, records.agreement.id).deleted_at is not None


def test_two_admins_restoring_at_once_restore_once(admin_client, records, new_worker, monkeypatch):
    """The second restore read the meeting before the first committed: an edit conflict, told
    in the bin's one message, and a single restore in the trail."""
    move_to_bin(records.meeting, "Duplicada")
    db.session.commit()
    other = new_worker("b")
    check = services._refuse_folio_clash

    def the_other_admin_restores(meeting_id: int) -> None:
        with other.app_context():
            services.restore(db.session.get(Meeting, meeting_id))
            db.session.commit()

    def meanwhile(kind, record):  # the other restore lands between our read and our write
        monkeypatch.setattr(services, "_refuse_folio_clash", check)
        contextvars.Context().run(the_other_admin_restores, record.id)
        return check(kind, record)

    monkeypatch.setattr(services, "_refuse_folio_clash", meanwhile)
    response = admin_client.post(restore_url("reunion", records.meeting), follow_redirects=True)
    assert "Otra persona guardó cambios en este registro al mismo tiempo" in text(response)
    assert db.session.get(Meeting, records.meeting.id).deleted_at is None
    restores = db.select(db.func.count(AuditEvent.id)).where(AuditEvent.action == "restore")
    assert db.session.scalar(restores) == 1


@pytest.mark.parametrize(
    "url", ["/admin/papelera/x/1/restaurar", "/admin/papelera/reunion/999/restaurar"]
)
def test_unknown_records_are_404(admin_client, url):
    assert admin_client.post(url).status_code == 404


@pytest.mark.parametrize("who", ["editor_client", "reader_client"])
def test_only_admins_see_the_bin_and_restore(request, records, who):
    client = request.getfixturevalue(who)
    move_to_bin(records.meeting, "Duplicado")
    db.session.commit()
    assert client.get(BIN).status_code == 403
    assert client.post(restore_url("reunion", records.meeting)).status_code == 403
    assert db.session.get(Meeting, records.meeting.id).deleted_at is not None


def test_the_admin_page_lists_the_bin_and_the_audit_trail(admin_client):
    page = text(admin_client.get("/admin/"))
    assert 'href="/admin/papelera/"' in page and 'href="/admin/auditoria/"' in page


def test_the_bin_is_paginated_with_a_bounded_number_of_queries(admin_client, app, count_queries):
    def fill(n):
        for _ in range(n):
            agreement = make_agreement(commit=False)
            move_to_bin(agreement, "Prueba de carga")
        db.session.commit()

    def measure():
        with count_queries() as counter:
            text(admin_client.get(BIN))
        return counter.count

    fill(2)
    few = measure()
    fill(30)
    many = measure()
    assert many == few
    page = text(admin_client.get(BIN))
    assert "1–25 de 32" in page and "?page=2" in page
    assert "26–32 de 32" in text(admin_client.get(BIN + "?page=2"))
