"""A record in the recycle bin vanishes from every page, list, count and report, and its
dependents (documents, commitments, evidence, links) hide with it; a restore brings all back."""

from __future__ import annotations

import io
import json

import pytest
from werkzeug.datastructures import FileStorage

from registry.auth.models import Role
from registry.extensions import db
from registry.files.services import store_upload
from registry.meetings.models import Meeting
from registry.recycle.services import move_to_bin, restore
from tests.factories import COZUMEL, SAN_JACINTO_AMILPAS, make_agreement, municipality
from tests.forms import submit_form
from tests.recycle.conftest import AGREEMENT_TITLE, COMMITMENT_TEXT, MEETING_TITLE

REPORT = "/informes/trimestral.json?anio=2025&trimestre=2"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def report_folios(client) -> tuple[list[str], list[str]]:
    report = json.loads(text(client.get(REPORT)))
    return [a["folio"] for a in report["formalized"]], [m["folio"] for m in report["meetings"]]


def bin_it(record, reason="Registro duplicado"):
    move_to_bin(record, reason)
    db.session.commit()


def test_an_agreement_in_the_bin_vanishes_everywhere(app, make_user, reader_client, records):
    agreement, folio = records.agreement, records.agreement.folio
    cozumel = municipality(COZUMEL)
    for url in ("/instrumentos/", "/instrumentos/?q=cozumel", f"/contrapartes/{cozumel.id}"):
        assert AGREEMENT_TITLE in text(reader_client.get(url)), url
    for url in ("/", f"/reuniones/{records.meeting.id}"):  # latest moves, linked agreements
        assert folio in text(reader_client.get(url)), url
    assert "Acuerdo de Ratificación" in text(reader_client.get("/instrumentos/documentos"))
    assert report_folios(reader_client)[0] == [folio]
    bin_it(agreement)

    assert AGREEMENT_TITLE not in text(reader_client.get("/instrumentos/"))
    assert AGREEMENT_TITLE not in text(reader_client.get("/instrumentos/?q=cozumel"))
    for url in ("", "/estatus"):
        assert reader_client.get(f"/instrumentos/{agreement.id}{url}").status_code == 404
    editor = app.test_client().login_as(make_user(Role.EDITOR))  # the forms are for editors
    for url in ("/editar", "/documentos/nuevo"):
        assert editor.get(f"/instrumentos/{agreement.id}{url}").status_code == 404
    assert "Acuerdo de Ratificación" not in text(reader_client.get("/instrumentos/documentos"))
    dashboard = text(reader_client.get("/"))
    assert folio not in dashboard and AGREEMENT_TITLE not in dashboard
    assert AGREEMENT_TITLE not in text(reader_client.get(f"/contrapartes/{cozumel.id}"))
    assert report_folios(reader_client)[0] == []
    assert folio not in text(reader_client.get("/informes/?anio=2025&trimestre=2"))
    # the meeting linked to it stays, without the link
    meeting_page = text(reader_client.get(f"/reuniones/{records.meeting.id}"))
    assert MEETING_TITLE in meeting_page and folio not in meeting_page


def test_a_meeting_in_the_bin_vanishes_with_its_commitments(reader_client, records):
    meeting, folio = records.meeting, records.meeting.folio
    san_jacinto = municipality(SAN_JACINTO_AMILPAS)
    assert "1 acuerdo vencido" in text(reader_client.get("/"))
    assert COMMITMENT_TEXT in text(reader_client.get("/reuniones/acuerdos"))
    pages = [
        "/reuniones/",
        "/reuniones/?q=recorrido",
        "/reuniones/calendario?anio=2025&mes=5",
        f"/contrapartes/{san_jacinto.id}",
        f"/instrumentos/{records.agreement.id}",
    ]
    for url in pages:
        assert MEETING_TITLE in text(reader_client.get(url)), url
    assert report_folios(reader_client)[1] == [folio]
    bin_it(meeting)

    assert MEETING_TITLE not in text(reader_client.get("/reuniones/"))
    assert MEETING_TITLE not in text(reader_client.get("/reuniones/?q=recorrido"))
    assert MEETING_TITLE not in text(reader_client.get("/reuniones/calendario?anio=2025&mes=5"))
    for url in (
        f"/reuniones/{meeting.id}",
        f"/reuniones/{meeting.id}.ics",
        f"/reuniones/acuerdos/{records.commitment.id}",
    ):
        assert reader_client.get(url).status_code == 404
    commitments = text(reader_client.get("/reuniones/acuerdos"))
    assert COMMITMENT_TEXT not in commitments and "Ninguno vencido." in commitments
    dashboard = text(reader_client.get("/"))
    assert "Ningún acuerdo vencido." in dashboard
    assert MEETING_TITLE not in text(reader_client.get(f"/contrapartes/{san_jacinto.id}"))
    assert report_folios(reader_client)[1] == []
    # the agreement it was linked to stays, without the meeting on its timeline
    agreement_page = text(reader_client.get(f"/instrumentos/{records.agreement.id}"))
    assert AGREEMENT_TITLE in agreement_page and MEETING_TITLE not in agreement_page


def test_an_upcoming_meeting_in_the_bin_leaves_the_dashboard(reader_client, upcoming_meeting):
    assert "Mesa de trabajo próxima" in text(reader_client.get("/"))
    bin_it(upcoming_meeting)
    assert "Mesa de trabajo próxima" not in text(reader_client.get("/"))


def test_documents_and_evidence_in_the_bin_leave_their_record(reader_client, records):
    assert "Acuerdo de Ratificación" in text(reader_client.get("/instrumentos/documentos"))
    assert "facebook.com/MunicipioOaxaca" in text(
        reader_client.get(f"/reuniones/{records.meeting.id}")
    )
    bin_it(records.document, None)
    bin_it(records.evidence, None)
    agreement_page = text(reader_client.get(f"/instrumentos/{records.agreement.id}"))
    assert "Acuerdo de Ratificación" not in agreement_page.split('id="historial"')[0]
    meeting_page = text(reader_client.get(f"/reuniones/{records.meeting.id}"))
    assert "facebook.com/MunicipioOaxaca" not in meeting_page
    assert "Acuerdo de Ratificación" not in text(reader_client.get("/instrumentos/documentos"))


def test_the_agreements_picker_hides_binned_ones_and_saving_keeps_their_link(
    editor_client, records
):
    bin_it(records.agreement)
    url = f"/reuniones/{records.meeting.id}/editar"
    assert AGREEMENT_TITLE not in text(editor_client.get(url))
    assert submit_form(editor_client, url, {"place": "Rancho San Rafael"}).status_code == 302
    meeting = db.session.get(Meeting, records.meeting.id)
    assert meeting.place == "Rancho San Rafael"
    assert [a.id for a in meeting.agreements] == [records.agreement.id]  # kept, hidden
    restore(records.agreement)
    db.session.commit()
    assert records.agreement.folio in text(editor_client.get(f"/reuniones/{meeting.id}"))


def test_a_restore_brings_everything_back(reader_client, records):
    before = text(reader_client.get(f"/instrumentos/{records.agreement.id}"))
    bin_it(records.agreement)
    bin_it(records.meeting)
    restore(records.meeting)
    restore(records.agreement)
    db.session.commit()
    assert report_folios(reader_client) == ([records.agreement.folio], [records.meeting.folio])
    assert "1 acuerdo vencido" in text(reader_client.get("/"))
    after = text(reader_client.get(f"/instrumentos/{records.agreement.id}"))
    assert record_part(after) == record_part(before)


def record_part(page: str) -> str:
    """The agreement's page without the menu (its logout form's CSRF token carries the time)
    and without its audit history (which grew)."""
    return page[page.index("<main") : page.index('id="historial"')]


SCAN = b"%PDF-1.7\n" + bytes(range(256)) * 4 + b"\n%%EOF\n"


@pytest.mark.parametrize("binned", ["document", "agreement", "evidence", "meeting"])
def test_the_scan_of_a_binned_record_is_for_admins_only(app, make_user, records, binned):
    owner = records.evidence if binned in ("evidence", "meeting") else records.document
    owner.file = store_upload(FileStorage(io.BytesIO(SCAN), "acuerdo.pdf"))
    db.session.commit()
    url = f"/archivos/{owner.file.id}"
    editor = app.test_client().login_as(make_user(Role.EDITOR))
    admin = app.test_client().login_as(make_user(Role.ADMIN))
    assert download_status(editor, url) == 200
    bin_it(getattr(records, binned))
    assert download_status(editor, url) == 404
    assert download_status(admin, url) == 200
    restore(getattr(records, binned))
    db.session.commit()
    assert download_status(editor, url) == 200


def download_status(client, url: str) -> int:
    with client.get(url) as response:
        return response.status_code


def test_the_topics_page_does_not_count_binned_agreements(admin_client, app):
    agreement = make_agreement(topics=["Turismo"])
    link = f'<a href="/instrumentos/?topic={agreement.topics[0].id}">'
    assert f"{link}1</a>" in text(admin_client.get("/admin/temas/"))
    bin_it(agreement)
    assert f"{link}0</a>" in text(admin_client.get("/admin/temas/"))
