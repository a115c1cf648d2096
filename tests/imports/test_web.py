"""The import pages: upload → preview (every error, or what changes) → confirm; the template."""

from __future__ import annotations

import io
import os
import time

import openpyxl
import pytest
from sqlalchemy import select

from registry.agreements.models import Agreement
from registry.audit.models import AuditEvent
from registry.auth.models import Role
from registry.demo import load_demo
from registry.extensions import db
from registry.imports import staging
from registry.imports.services import run_import
from registry.imports.spec import AGREEMENTS, MEETINGS, headers
from tests.conftest import row_count
from tests.forms import page_forms, submit_form
from tests.imports.conftest import build_workbook
from tests.imports.test_import import BAD_ROW, agreement, database_state, meeting
from tests.imports.workbooks import AGREEMENT_ROWS, CONVENIO, MEETING_ROWS

URL = "/importar/"


def upload(client, content: bytes, name: str = "bitacora.xlsx"):
    return client.post(
        URL, data={"file": (io.BytesIO(content), name)}, content_type="multipart/form-data"
    )


def preview_page(client, content: bytes) -> str:
    """The preview an upload of ``content`` leads to."""
    response = upload(client, content)
    assert response.status_code == 302, response.get_data(as_text=True)
    return client.get(response.headers["Location"]).get_data(as_text=True)


def staged_files(app) -> list:
    folder = os.path.join(app.config["UPLOAD_FOLDER"], staging.SUBFOLDER)
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def test_upload_preview_confirm(app, editor_client, editor, seeds):
    content = build_workbook(AGREEMENT_ROWS, MEETING_ROWS)
    before = database_state()

    response = upload(editor_client, content)
    assert response.status_code == 302 and len(staged_files(app)) == 1
    preview = response.headers["Location"]
    assert "/importar/vista-previa?t=" in preview

    page = editor_client.get(preview).get_data(as_text=True)
    assert "Vista previa de la importación" in page and "bitacora.xlsx" in page
    assert "Altas: 4 · con cambios: 0 · sin cambios: 0" in page
    assert "Hermanamiento Oaxaca de Juárez – Ensenada" in page and "Confirmar importación" in page
    assert database_state() == before  # the preview wrote nothing

    confirmed = submit_form(editor_client, preview, {})

    assert confirmed.status_code == 302 and confirmed.headers["Location"].endswith(URL)
    assert agreement("CON-2025-001").status == "firmado"
    assert meeting("REU-2025-006").indicator.code == "12.2"
    assert staged_files(app) == []
    assert {e.user_id for e in db.session.scalars(select(AuditEvent))} == {editor.id}
    assert agreement("CON-2025-001").status_changes[-1].recorded_by_id == editor.id
    landing = editor_client.get(URL).get_data(as_text=True)
    assert "Importación terminada. Instrumentos: altas 4, con cambios 0" in landing


def test_a_workbook_with_errors_lists_them_all_and_offers_no_confirmation(
    app, editor_client, seeds
):
    before = database_state()
    page = preview_page(editor_client, build_workbook([*AGREEMENT_ROWS, BAD_ROW], MEETING_ROWS))
    assert "No se puede importar este libro:" in page and "tiene 4 errores" in page
    for column in ("folio", "contrapartes", "fecha_intencion", "estatus"):
        assert f"<td><code>{column}</code></td>" in page
    assert "Confirmar importación" not in page and "Subir el libro corregido" in page
    assert database_state() == before


def test_a_file_that_is_not_a_workbook_is_refused_on_the_form(editor_client, seeds):
    response = upload(editor_client, b"%PDF-1.4 not a spreadsheet", "bitacora.xlsx")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "no es un libro de Excel (.xlsx)" in page and 'aria-invalid="true"' in page


def test_the_upload_form_needs_a_file(editor_client, seeds):
    response = submit_form(editor_client, URL, {})
    assert "Elija el libro de Excel que desea importar." in response.get_data(as_text=True)


def test_nothing_to_import_means_no_confirmation(app, editor_client, seeds):
    run_import(build_workbook([CONVENIO]))
    db.session.commit()
    page = preview_page(editor_client, build_workbook([CONVENIO]))
    assert "no hay nada que importar" in page and "Confirmar importación" not in page


def preview_form(client, content: bytes) -> dict:
    """The confirmation form of the preview an upload of ``content`` leads to."""
    return page_forms(preview_page(client, content))[-1]


def test_a_tampered_or_spent_token_imports_nothing(app, editor_client, seeds):
    form = preview_form(editor_client, build_workbook([CONVENIO]))
    tampered = editor_client.post(
        form["action"], data={**form["fields"], "token": form["fields"]["token"] + "x"}, csrf=False
    )
    assert tampered.status_code == 302 and row_count(Agreement) == 0
    assert editor_client.post(form["action"], data=form["fields"], csrf=False).status_code == 302
    assert row_count(Agreement) == 1
    again = editor_client.post(form["action"], data=form["fields"], csrf=False)
    assert again.status_code == 302 and row_count(Agreement) == 1
    assert "caducó o ya se importó" in editor_client.get(URL).get_data(as_text=True)


def test_another_users_token_is_refused(app, client, make_user, seeds):
    first, second = make_user(Role.EDITOR), make_user(Role.EDITOR)
    response = upload(client.login_as(first), build_workbook([CONVENIO]))
    preview = response.headers["Location"]
    token = page_forms(client.get(preview).get_data(as_text=True))[-1]["fields"]["token"]
    other = app.test_client().login_as(second)
    assert other.get(preview).status_code == 302
    response = other.post("/importar/confirmar", data={"token": token})
    assert response.status_code == 302 and row_count(Agreement) == 0


def test_a_registry_changed_since_the_preview_is_reported_at_confirmation(editor_client, seeds):
    form = preview_form(editor_client, build_workbook([CONVENIO]))
    run_import(build_workbook([{**CONVENIO, "fecha_intencion": "2025-04-01"}]))
    db.session.commit()
    before = database_state()
    response = editor_client.post(form["action"], data=form["fields"], csrf=False)
    assert response.status_code == 200
    assert "tiene 1 error y no se guardó nada" in response.get_data(as_text=True)
    assert database_state() == before


def test_previews_never_confirmed_are_deleted_after_a_day(app, editor_client, seeds):
    upload(editor_client, build_workbook([CONVENIO]))
    (name,) = staged_files(app)
    path = os.path.join(app.config["UPLOAD_FOLDER"], staging.SUBFOLDER, name)
    day_ago = time.time() - staging.MAX_AGE - 60
    os.utime(path, (day_ago, day_ago))
    upload(editor_client, build_workbook([{**CONVENIO, "folio": "CON-2025-002"}]))
    assert name not in staged_files(app) and len(staged_files(app)) == 1


def test_readers_see_the_page_and_template_but_cannot_import(app, reader_client, seeds):
    page = reader_client.get(URL).get_data(as_text=True)
    assert "Su cuenta es de consulta" in page and 'type="file"' not in page
    assert reader_client.get("/importar/plantilla.xlsx").status_code == 200
    response = upload(reader_client, build_workbook([CONVENIO]))
    assert response.status_code == 403 and row_count(Agreement) == 0
    assert staged_files(app) == []
    assert reader_client.post("/importar/confirmar", data={"token": "x"}).status_code == 403


@pytest.mark.parametrize(("who", "shown"), [("editor_client", True), ("reader_client", False)])
@pytest.mark.parametrize("url", ["/instrumentos/", "/reuniones/"])
def test_the_list_pages_link_to_the_import_for_editors(request, seeds, who, shown, url):
    page = request.getfixturevalue(who).get(url).get_data(as_text=True)
    assert ('href="/importar/"' in page) is shown


def test_the_template_has_both_sheets_headers_notes_and_an_example(reader_client, seeds):
    response = reader_client.get("/importar/plantilla.xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    assert "attachment" in response.headers["Content-Disposition"]
    book = openpyxl.load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [AGREEMENTS, MEETINGS]
    agreements, meetings = book[AGREEMENTS], book[MEETINGS]
    assert [c.value for c in agreements[1]] == headers(AGREEMENTS)
    assert [c.value for c in meetings[1]] == headers(MEETINGS)
    assert all(cell.comment for cell in agreements[1])
    assert "Fila de ejemplo" in agreements["A2"].comment.text
    assert agreements["A2"].value == "HER-2025-002" and agreements["P2"].value == (
        "OPM/EXT/0064/2025"
    )
    assert meetings["A2"].value == "REU-2025-006" and meetings["D2"].value == (
        "2025-05-15; 2025-05-22"
    )
    lists = [v.formula1 for v in agreements.data_validations.dataValidation]
    assert '"alianza,hermanamiento,convenio"' in lists
    assert agreements.column_dimensions["C"].width == 40
    assert agreements.column_dimensions["F"].number_format == "@"  # 02001 keeps its zero
    assert agreements.column_dimensions["H"].number_format == "yyyy-mm-dd"


def test_the_template_imports_as_is_and_matches_the_demo(reader_client, seeds):
    content = reader_client.get("/importar/plantilla.xlsx").data
    result = run_import(content, dry_run=True)
    assert result.ok, result.issues
    assert [o.action for o in result.outcomes] == ["create", "create"]
    load_demo()
    db.session.commit()
    result = run_import(content, dry_run=True)
    assert [o.action for o in result.outcomes] == ["unchanged", "unchanged"], result.outcomes


def test_a_long_preview_lists_the_first_rows_and_counts_the_rest(editor_client, seeds, monkeypatch):
    from registry.imports import views

    monkeypatch.setattr(views, "PREVIEW_ROWS", 1)
    rows = [{**CONVENIO, "folio": f"CON-2025-{n:03d}"} for n in range(1, 4)]
    page = preview_page(editor_client, build_workbook(rows))
    assert "Altas: 3" in page and "CON-2025-001" in page and "CON-2025-003" not in page
    assert "…y 2 filas más, que también se guardarán." in page
