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


def settled(client, url: str):
    """The page at ``url`` once the check or import it shows is done (a user waiting on the
    progress page, which reloads itself, would see the same)."""
    for _ in range(600):
        response = client.get(url)
        if 'http-equiv="refresh"' not in response.get_data(as_text=True):
            return response
        time.sleep(0.05)
    raise AssertionError("la importación no terminó en 30 s")


def preview_page(client, content: bytes) -> str:
    """The preview an upload of ``content`` leads to."""
    response = upload(client, content)
    assert response.status_code == 302, response.get_data(as_text=True)
    return settled(client, response.headers["Location"]).get_data(as_text=True)


def staged_files(app) -> list:
    folder = os.path.join(app.config["UPLOAD_FOLDER"], staging.SUBFOLDER)
    return sorted(os.listdir(folder)) if os.path.isdir(folder) else []


def staged_workbooks(app) -> list:
    return [name for name in staged_files(app) if name.endswith(".xlsx")]


def test_upload_preview_confirm(app, editor_client, editor, seeds):
    content = build_workbook(AGREEMENT_ROWS, MEETING_ROWS)
    before = database_state()

    response = upload(editor_client, content)
    assert response.status_code == 302 and len(staged_workbooks(app)) == 1
    preview = response.headers["Location"]
    assert "/importar/vista-previa?t=" in preview

    page = settled(editor_client, preview).get_data(as_text=True)
    assert "Vista previa de la importación" in page and "bitacora.xlsx" in page
    assert "Altas: 4 · con cambios: 0 · sin cambios: 0" in page
    assert "Hermanamiento Oaxaca de Juárez – Ensenada" in page and "Confirmar importación" in page
    assert database_state() == before  # the preview wrote nothing

    confirmed = submit_form(editor_client, preview, {}, form_index=-2)  # then "Cancelar"
    assert confirmed.status_code == 302 and confirmed.headers["Location"] == preview
    done = settled(editor_client, preview)

    assert done.status_code == 302 and done.headers["Location"].endswith(URL)
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
    (form,) = [f for f in page_forms(preview_page(client, content)) if "confirmar" in f["action"]]
    return form


def test_a_tampered_or_spent_token_imports_nothing(app, editor_client, seeds):
    form = preview_form(editor_client, build_workbook([CONVENIO]))
    tampered = editor_client.post(
        form["action"], data={**form["fields"], "token": form["fields"]["token"] + "x"}, csrf=False
    )
    assert tampered.status_code == 302 and row_count(Agreement) == 0
    confirmed = editor_client.post(form["action"], data=form["fields"], csrf=False)
    assert confirmed.status_code == 302
    settled(editor_client, confirmed.headers["Location"])
    assert row_count(Agreement) == 1
    again = editor_client.post(form["action"], data=form["fields"], csrf=False)
    assert again.status_code == 302 and row_count(Agreement) == 1
    assert "caducó o ya se importó" in editor_client.get(URL).get_data(as_text=True)


def test_another_users_token_is_refused(app, client, make_user, seeds):
    first, second = make_user(Role.EDITOR), make_user(Role.EDITOR)
    response = upload(client.login_as(first), build_workbook([CONVENIO]))
    preview = response.headers["Location"]
    token = page_forms(settled(client, preview).get_data(as_text=True))[-2]["fields"]["token"]
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
    assert response.status_code == 302
    page = settled(editor_client, response.headers["Location"]).get_data(as_text=True)
    assert "tiene 1 error y no se guardó nada" in page and "Confirmar importación" not in page
    assert database_state() == before


def test_previews_never_confirmed_are_deleted_after_a_day(app, editor_client, seeds):
    settled(editor_client, upload(editor_client, build_workbook([CONVENIO])).headers["Location"])
    old = staged_files(app)
    assert len(old) == 2  # the workbook and its preview
    day_ago = time.time() - staging.MAX_AGE - 60
    for name in old:
        path = os.path.join(app.config["UPLOAD_FOLDER"], staging.SUBFOLDER, name)
        os.utime(path, (day_ago, day_ago))
    upload(editor_client, build_workbook([{**CONVENIO, "folio": "CON-2025-002"}]))
    assert not set(old) & set(staged_files(app)) and len(staged_workbooks(app)) == 1


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


# Issue 15, finding 3: the preview is computed once, outside the request, and kept --------------


def test_the_preview_is_computed_once_and_kept_until_confirmed(
    app, editor_client, seeds, monkeypatch
):
    from registry.imports import jobs

    runs = []
    real = jobs.run_import
    monkeypatch.setattr(
        jobs, "run_import", lambda *a, **kw: runs.append(kw["dry_run"]) or real(*a, **kw)
    )
    preview = upload(editor_client, build_workbook([CONVENIO])).headers["Location"]
    for _ in range(3):  # reloading the page reads the kept preview
        assert "Altas: 1" in settled(editor_client, preview).get_data(as_text=True)
    assert runs == [True]
    confirmed = submit_form(editor_client, preview, {}, form_index=-2)
    settled(editor_client, confirmed.headers["Location"])
    assert runs == [True, False] and row_count(Agreement) == 1


@pytest.mark.parametrize("app_config", [{"IMPORT_WAIT_SECONDS": 0}])
def test_a_long_check_shows_its_progress_and_then_its_preview(
    app, editor_client, seeds, monkeypatch
):
    import threading

    from registry.imports import jobs

    halfway, go_on = threading.Event(), threading.Event()
    real = jobs.run_import

    def slow(*args, progress, **kwargs):
        progress(3, 10)
        halfway.set()
        go_on.wait(30)
        return real(*args, progress=progress, **kwargs)

    monkeypatch.setattr(jobs, "run_import", slow)
    preview = upload(editor_client, build_workbook([CONVENIO])).headers["Location"]
    assert halfway.wait(30)
    page = editor_client.get(preview).get_data(as_text=True)
    assert 'http-equiv="refresh"' in page and "Revisando el libro" in page
    assert "Fila 3 de 10." in page and 'aria-valuenow="30"' in page
    go_on.set()
    assert "Altas: 1" in settled(editor_client, preview).get_data(as_text=True)


def test_a_check_whose_worker_died_asks_for_the_file_again(app, editor_client, seeds):
    import json

    from registry.imports import jobs

    preview = upload(editor_client, build_workbook([CONVENIO])).headers["Location"]
    settled(editor_client, preview)
    (state_name,) = [name for name in staged_files(app) if name.endswith(".json")]
    state_file = os.path.join(app.config["UPLOAD_FOLDER"], staging.SUBFOLDER, state_name)
    # As a worker restarted midway leaves it: running, and silent since.
    silent_since = time.time() - jobs.STALE_SECONDS - 5
    with open(state_file, "w", encoding="utf-8") as handle:
        json.dump({"phase": "preview", "state": "running", "updated_at": silent_since}, handle)
    response = editor_client.get(preview)
    assert response.status_code == 302 and response.headers["Location"].endswith(URL)
    assert "La revisión del libro se interrumpió" in editor_client.get(URL).get_data(as_text=True)
    assert staged_files(app) == []


def test_a_preview_can_be_discarded(app, editor_client, seeds):
    preview = upload(editor_client, build_workbook([CONVENIO])).headers["Location"]
    settled(editor_client, preview)
    response = submit_form(editor_client, preview, {})  # the last form: "Cancelar"
    assert response.status_code == 302 and response.headers["Location"].endswith(URL)
    assert "no se importó nada" in editor_client.get(URL).get_data(as_text=True)
    assert staged_files(app) == [] and row_count(Agreement) == 0
