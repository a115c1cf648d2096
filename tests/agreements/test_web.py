"""The agreement pages as an official uses them: forms, moves, timeline, documents, conflicts."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
import sqlalchemy as sa

from registry.agreements.models import Agreement
from registry.agreements.status import Status
from registry.auth.models import Role
from registry.documents.models import Document, DocumentKind
from registry.extensions import db
from registry.files.models import StoredFile
from registry.meetings.services import MeetingData, create_meeting
from tests.conftest import row_count
from tests.factories import (
    COZUMEL,
    SANTA_CRUZ_XOXOCOTLAN,
    make_agreement,
    make_document,
    make_party,
    municipality,
)
from tests.forms import page_forms, submit_form

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def text(response) -> str:
    return response.get_data(as_text=True)


def only_agreement() -> Agreement:
    return db.session.scalars(sa.select(Agreement)).one()


def move(client, agreement_id: int, target: str, acted_on: str, **fields):
    return submit_form(
        client,
        f"/instrumentos/{agreement_id}/estatus",
        {"target": target, "acted_on": acted_on, **fields},
    )


def test_create_with_two_parties_then_sign_and_ratify(editor_client, editor):
    xoxo, limits = municipality(SANTA_CRUZ_XOXOCOTLAN), make_party("Comisión de Límites")
    response = submit_form(
        editor_client,
        "/instrumentos/nuevo",
        {
            "kind": "alianza",
            "title": "Convenio de límites territoriales",
            "objective": "Definir la colindancia con Santa Cruz Xoxocotlán",
            "parties-0-party": str(xoxo.id),
            "parties-0-role": "Contraparte",
            "parties-1-party": str(limits.id),
            "parties-1-role": "Coordinación",
            "status": "intencion",
            "status_date": "2025-04-29",
            "doc_kind": "carta_intencion",
            "doc_number": "OPM/EXT/0100/2025",
            "doc_issuer": "Presidencia Municipal de Santa Cruz Xoxocotlán",
        },
    )
    assert response.status_code == 302, text(response)
    agreement = only_agreement()
    assert agreement.folio == "ALI-2025-001"
    assert [(row.party.name, row.role) for row in agreement.parties] == [
        ("Santa Cruz Xoxocotlán", "Contraparte"),
        ("Comisión de Límites", "Coordinación"),
    ]
    [letter] = agreement.documents
    assert (letter.kind, letter.number, letter.issued_on) == (
        DocumentKind.CARTA_INTENCION,
        "OPM/EXT/0100/2025",
        date(2025, 4, 29),
    )
    assert agreement.status_changes[0].evidence_document_id == letter.id
    assert agreement.created_by_id == editor.id

    form = text(editor_client.get(f"/instrumentos/{agreement.id}/estatus"))
    boxes = re.findall(r'<input[^>]*name="signed_parties"[^>]*>', form)
    assert len(boxes) == 2 and not any("checked" in box for box in boxes)  # none, by default
    [date_input] = re.findall(r'<input[^>]*name="acted_on"[^>]*>', form)
    assert not re.search(r'value="\d', date_input)  # no date filled in for the user
    unnamed = move(editor_client, agreement.id, "firmado", "2025-05-09")
    assert "Marque qué contrapartes firmaron" in text(unnamed)
    assert only_agreement().status == Status.INTENCION
    signed = move(
        editor_client,
        agreement.id,
        "firmado",
        "2025-05-09",
        signed_parties=[str(xoxo.id), str(limits.id)],
    )
    assert signed.status_code == 302
    assert (
        move(
            editor_client,
            agreement.id,
            "ratificado",
            "2025-06-30",
            note="Sesión ordinaria de cabildo",
        ).status_code
        == 302
    )

    agreement = only_agreement()
    assert (agreement.status, agreement.formalized_on) == (Status.RATIFICADO, date(2025, 5, 9))
    assert all(row.signed_on == date(2025, 5, 9) for row in agreement.parties)
    assert all(row.ratified_on is None for row in agreement.parties)  # nobody was named
    page = text(editor_client.get(f"/instrumentos/{agreement.id}"))
    timeline = page[page.index("Línea de tiempo") : page.index("Historial de cambios")]
    assert re.search(
        r"29 de abril de 2025.*Carta de intención OPM/EXT/0100/2025.*"
        r"29 de abril de 2025.*Registrado como.*Intención.*"
        r"9 de mayo de 2025.*Intención → .*Firmado.*"
        r"30 de junio de 2025.*Firmado → .*Ratificado.*Sesión ordinaria de cabildo",
        timeline,
        re.S,
    )
    assert "Sara Editora" in timeline
    assert "Cambio de estatus" in page  # the audit history


def test_the_move_form_offers_only_the_allowed_moves(app, editor_client, make_user):
    agreement = make_agreement(status="firmado", acted_on=date(2025, 5, 9))

    def offered(client):
        page = text(client.get(f"/instrumentos/{agreement.id}/estatus"))
        start = page.index('name="target"')
        select = page[start : page.index("</select>", start)]
        return re.findall(r'<option[^>]*value="(\w+)"', select)

    assert offered(editor_client) == ["ratificado", "concluido", "cancelado"]
    admin_client = app.test_client().login_as(make_user(Role.ADMIN))
    assert offered(admin_client) == [
        "intencion",
        "negociacion",
        "ratificado",
        "concluido",
        "cancelado",
    ]


def test_a_move_the_user_may_not_make_is_refused_with_its_reason(editor_client):
    agreement = make_agreement(status="firmado", acted_on=date(2025, 5, 9))
    response = editor_client.post(
        f"/instrumentos/{agreement.id}/estatus",
        data={"target": "intencion", "acted_on": "2025-06-01"},
    )
    assert response.status_code == 200
    assert "No es una opción válida" in text(response) or "Opción inválida" in text(response)
    assert db.session.get(Agreement, agreement.id).status == Status.FIRMADO


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"target": "firmado", "acted_on": "2999-01-01"}, "no puede ser posterior a hoy"),
        ({"target": "firmado", "acted_on": ""}, "Indique la fecha del acto."),
        ({"target": "firmado", "acted_on": "2025-04-01"}, "anterior a la del estatus actual"),
        ({"target": "cancelado", "acted_on": "2025-05-01"}, "Escriba el motivo de la cancelación."),
    ],
)
def test_move_errors_show_next_to_their_field(editor_client, fields, message):
    agreement = make_agreement(acted_on=date(2025, 4, 10))
    response = move(editor_client, agreement.id, **fields)
    assert response.status_code == 200
    page = text(response)
    assert message in page and 'aria-invalid="true"' in page
    assert db.session.get(Agreement, agreement.id).status == Status.INTENCION
    assert len(db.session.get(Agreement, agreement.id).status_changes) == 1


def test_create_form_errors_are_spanish_and_keep_the_values(editor_client):
    response = submit_form(
        editor_client,
        "/instrumentos/nuevo",
        {"kind": "convenio", "title": "", "objective": "Mi objetivo escrito", "status_date": ""},
    )
    page = text(response)
    assert response.status_code == 200
    assert "Este campo es obligatorio." in page and "Indique la fecha del acto." in page
    assert "Mi objetivo escrito" in page
    assert row_count(Agreement) == 0


def test_create_without_parties_is_refused(editor_client):
    response = submit_form(
        editor_client,
        "/instrumentos/nuevo",
        {"kind": "convenio", "title": "Convenio sin contraparte", "status_date": "2025-04-01"},
    )
    assert "Indique al menos una contraparte." in text(response)
    assert row_count(Agreement) == 0


def test_the_add_party_button_adds_a_row_without_saving(editor_client):
    page = text(editor_client.get("/instrumentos/nuevo"))
    rows = len(re.findall(r'name="parties-\d+-party"', page))
    form = page_forms(page)[-1]["fields"]
    response = editor_client.post(
        "/instrumentos/nuevo", data={**form, "title": "Borrador", "add_party": "1"}, csrf=False
    )
    assert len(re.findall(r'name="parties-\d+-party"', text(response))) == rows + 1
    assert "Borrador" in text(response) and row_count(Agreement) == 0


def test_a_file_that_is_not_really_a_pdf_is_refused(editor_client):
    agreement = make_agreement()
    response = submit_form(
        editor_client,
        f"/instrumentos/{agreement.id}/documentos/nuevo",
        {
            "kind": "oficio",
            "number": "PM/491/2025",
            "file": (io.BytesIO(b"MZ\x90\x00 not a pdf at all"), "oficio.pdf"),
        },
    )
    assert response.status_code == 200
    assert "Solo se aceptan archivos PDF, JPEG o PNG" in text(response)
    assert row_count(Document) == 0 and row_count(StoredFile) == 0


def test_a_real_pdf_is_stored_and_downloadable_when_logged_in(app, editor_client, reader):
    agreement = make_agreement()
    response = submit_form(
        editor_client,
        f"/instrumentos/{agreement.id}/documentos/nuevo",
        {
            "kind": "carta_intencion",
            "number": "OPM/EXT/0064/2025",
            "issued_on": "2025-04-29",
            "issuer": "Oficina de la Presidencia",
            "file": (io.BytesIO(PDF), "carta.pdf"),
        },
    )
    assert response.status_code == 302
    document = db.session.scalars(sa.select(Document)).one()
    assert document.file.content_type == "application/pdf"
    anonymous = app.test_client()
    assert anonymous.get(f"/archivos/{document.file.id}").status_code == 302
    reader_client = app.test_client().login_as(reader)
    page = text(reader_client.get(f"/instrumentos/{agreement.id}"))
    assert f"/archivos/{document.file.id}" in page
    with reader_client.get(f"/archivos/{document.file.id}") as download:
        assert download.status_code == 200 and download.data == PDF


def test_a_refused_evidence_file_undoes_the_whole_move(editor_client):
    agreement = make_agreement(acted_on=date(2025, 4, 10))
    response = move(
        editor_client,
        agreement.id,
        "firmado",
        "2025-05-09",
        signed_parties=[str(agreement.parties[0].party_id)],
        evidence_kind="convenio",
        evidence_file=(io.BytesIO(b"<html>no</html>"), "convenio.pdf"),
    )
    assert "Solo se aceptan archivos PDF, JPEG o PNG" in text(response)
    assert db.session.get(Agreement, agreement.id).status == Status.INTENCION
    assert row_count(Document) == 0


def test_an_evidence_file_becomes_a_document_cited_by_the_move(editor_client):
    agreement = make_agreement(acted_on=date(2025, 4, 10))
    response = move(
        editor_client,
        agreement.id,
        "firmado",
        "2025-05-09",
        signed_parties=[str(agreement.parties[0].party_id)],
        evidence_kind="convenio",
        evidence_number="CONV/12/2025",
        evidence_file=(io.BytesIO(PDF), "convenio.pdf"),
    )
    assert response.status_code == 302
    agreement = db.session.get(Agreement, agreement.id)
    signed = agreement.status_changes[-1]
    assert signed.evidence.number == "CONV/12/2025" and signed.evidence.issued_on == date(
        2025, 5, 9
    )


def test_a_document_cited_as_evidence_cannot_be_removed(editor_client):
    agreement = make_agreement()
    document = make_document(agreement, number="OF-1")
    assert (
        move(
            editor_client,
            agreement.id,
            "firmado",
            "2025-05-09",
            evidence=str(document.id),
            signed_parties=[str(agreement.parties[0].party_id)],
        ).status_code
        == 302
    )
    response = editor_client.post(
        f"/instrumentos/{agreement.id}/documentos/{document.id}/eliminar", follow_redirects=True
    )
    assert "no puede eliminarse" in text(response)
    assert db.session.get(Document, document.id).deleted_at is None


def test_editing_a_document_and_removing_one(editor_client):
    agreement = make_agreement()
    document = make_document(agreement, number="OF-1")
    url = f"/instrumentos/{agreement.id}/documentos/{document.id}/editar"
    response = submit_form(editor_client, url, {"number": "OF-2", "issuer": "Secretaría"}, 1)
    assert response.status_code == 302
    assert db.session.get(Document, document.id).number == "OF-2"
    removed = editor_client.post(f"/instrumentos/{agreement.id}/documentos/{document.id}/eliminar")
    assert removed.status_code == 302
    assert db.session.get(Document, document.id).deleted_at is not None
    page = text(editor_client.get(f"/instrumentos/{agreement.id}"))
    assert "OF-2" not in page[page.index('id="documentos"') : page.index('id="historial"')]
    assert "Envío a la papelera de documento" in page  # the history keeps it
    assert editor_client.get(url).status_code == 404


def test_two_editors_edit_the_same_agreement(app, editor_client, make_user):
    agreement = make_agreement(title="Convenio de agua", objective="Objetivo original")
    url = f"/instrumentos/{agreement.id}/editar"
    other_client = app.test_client().login_as(make_user(Role.EDITOR, full_name="Otra Editora"))
    first_form = page_forms(text(editor_client.get(url)))[-1]["fields"]
    second_form = page_forms(text(other_client.get(url)))[-1]["fields"]
    assert first_form["version"] == second_form["version"] == "1"

    first = editor_client.post(
        url, data={**first_form, "title": "Convenio de agua potable"}, csrf=False
    )
    assert first.status_code == 302
    second = other_client.post(
        url, data={**second_form, "objective": "Objetivo de la segunda"}, csrf=False
    )
    assert second.status_code == 200
    page = text(second)
    assert "No se guardó" in page
    assert "Título: «Convenio de agua» → «Convenio de agua potable»." in page
    assert "Lo que cambió Sara Editora:" in page
    assert "Objetivo de la segunda" in page  # the second editor's typing is still in the form
    saved = db.session.get(Agreement, agreement.id)
    assert (saved.title, saved.objective, saved.version) == (
        "Convenio de agua potable",
        "Objetivo original",
        2,
    )
    # having seen what changed, saving again applies the second editor's values knowingly
    again = page_forms(page)[-1]["fields"]
    assert again["version"] == "2"
    assert other_client.post(url, data=again, csrf=False).status_code == 302
    saved = db.session.get(Agreement, agreement.id)
    assert saved.objective == "Objetivo de la segunda" and saved.version == 3


def test_reader_sees_everything_and_gets_403_on_every_change(app, reader_client):
    agreement = make_agreement(parties=[municipality(COZUMEL)])
    document = make_document(agreement, number="OPM/EXT/0064/2025")
    for url in ("/instrumentos/", f"/instrumentos/{agreement.id}", "/instrumentos/documentos", "/"):
        response = reader_client.get(url)
        assert response.status_code == 200, url
        assert "OPM/EXT/0064/2025" in text(response) or agreement.folio in text(response)
    detail = text(reader_client.get(f"/instrumentos/{agreement.id}"))
    assert "Cambiar estatus" not in detail and "Editar datos" not in detail
    changes = [
        ("/instrumentos/nuevo", {"kind": "convenio", "title": "X", "status_date": "2025-04-01"}),
        (f"/instrumentos/{agreement.id}/editar", {"title": "X", "version": "1"}),
        (f"/instrumentos/{agreement.id}/estatus", {"target": "firmado", "acted_on": "2025-05-01"}),
        (f"/instrumentos/{agreement.id}/documentos/nuevo", {"kind": "oficio"}),
        (f"/instrumentos/{agreement.id}/documentos/{document.id}/editar", {"kind": "oficio"}),
        (f"/instrumentos/{agreement.id}/documentos/{document.id}/eliminar", {}),
    ]
    for url, data in changes:
        response = reader_client.post(url, data=data)
        assert response.status_code == 403, url
        assert "Acceso no permitido" in text(response)
        if not url.endswith("/estatus"):  # the move page tells a reader why it offers nothing
            assert reader_client.get(url).status_code == 403, url  # nor the forms themselves
    move_page = text(reader_client.get(f"/instrumentos/{agreement.id}/estatus"))
    assert "Su cuenta es de consulta" in move_page and "Registrar el cambio" not in move_page
    saved = db.session.get(Agreement, agreement.id)
    assert (saved.title, saved.status, saved.version) == (agreement.title, Status.INTENCION, 1)
    assert row_count(Agreement) == 1 and row_count(Document) == 1
    assert db.session.get(Document, document.id).deleted_at is None


def test_missing_agreement_is_404(editor_client):
    for url in (
        "/instrumentos/999",
        "/instrumentos/999/editar",
        "/instrumentos/999/estatus",
        "/instrumentos/999/documentos/nuevo",
    ):
        assert editor_client.get(url).status_code == 404, url


def test_linked_meetings_take_their_place_on_the_timeline(reader_client):
    agreement = make_agreement(acted_on=date(2025, 4, 10))
    create_meeting(
        MeetingData(
            kind="reunion_trabajo",
            title="Reunión de seguimiento",
            dates=[date(2025, 5, 12)],
            parties=[agreement.parties[0].party],
            agreements=[agreement],
        )
    )
    make_document(agreement, kind="oficio", number="OF-2025-77", issued_on=date(2025, 6, 2))
    db.session.commit()
    page = text(reader_client.get(f"/instrumentos/{agreement.id}"))
    timeline = page[page.index("Línea de tiempo") : page.index("Historial de cambios")]
    assert re.search(
        r"10 de abril de 2025.*12 de mayo de 2025.*Reunión de seguimiento.*2 de junio de 2025"
        r".*OF-2025-77",
        timeline,
        re.S,
    )


def test_a_document_with_a_scan_can_be_edited(editor_client):
    """Finding 5 of issue 15: the edit form was filled with the stored scan as if it were an
    upload, and saving it was a 500."""
    agreement = make_agreement()
    created = submit_form(
        editor_client,
        f"/instrumentos/{agreement.id}/documentos/nuevo",
        {"kind": "oficio", "number": "OF-2025-12", "file": (io.BytesIO(PDF), "oficio.pdf")},
    )
    assert created.status_code == 302
    document = db.session.scalars(sa.select(Document)).one()
    scan = document.file_id
    url = f"/instrumentos/{agreement.id}/documentos/{document.id}/editar"
    assert editor_client.get(url).status_code == 200
    response = submit_form(editor_client, url, {"title": "Oficio de respuesta"})
    assert response.status_code == 302
    edited = db.session.get(Document, document.id)
    assert (edited.title, edited.number, edited.file_id) == (
        "Oficio de respuesta",
        "OF-2025-12",
        scan,
    )
    assert row_count(StoredFile) == 1


def test_an_empty_document_is_refused(editor_client):
    """Issue 15, point 10: posting only the token created a document that says nothing."""
    agreement = make_agreement()
    url = f"/instrumentos/{agreement.id}/documentos/nuevo"
    response = editor_client.post(url, data={})
    assert response.status_code == 200
    assert "Indique al menos el número, el título o el emisor del documento" in text(response)
    assert row_count(Document) == 0
    document = make_document(agreement, number="OF-9")
    edit = f"/instrumentos/{agreement.id}/documentos/{document.id}/editar"
    response = editor_client.post(edit, data={"kind": "oficio", "number": ""})
    assert "Indique al menos el número" in text(response)
    assert db.session.get(Document, document.id).number == "OF-9"
