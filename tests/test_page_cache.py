"""Kept pages: served again without drawing them, never stale, with this request's own tokens.

Every other test of the suite also runs with the cache on (a test that edits and then looks at
a page would fail on a stale page); these check its rules one by one.
"""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
import sqlalchemy as sa

from registry import create_app
from registry.agreements.models import Agreement
from registry.auth.models import Role
from registry.data_version import current_version
from registry.extensions import db
from registry.parties.models import Party
from tests.conftest import base_config, isolated
from tests.factories import make_agreement
from tests.forms import page_forms

PAGES = [
    "/",
    "/instrumentos/",
    "/instrumentos/?status=intencion",
    "/reuniones/",
    "/reuniones/calendario",
    "/contrapartes/",
    "/mapa/",
]


def logout_token(page: str) -> str:
    """The CSRF token the page's sign-out form (every page has one) would send."""
    (form,) = [form for form in page_forms(page) if form["action"] == "/salir"]
    return form["fields"]["csrf_token"]


def test_a_kept_page_is_served_without_reading_the_data_again(reader_client, count_queries):
    agreement = make_agreement(title="Convenio de movilidad metropolitana")
    url = f"/instrumentos/{agreement.id}"
    with count_queries() as drawn:
        first = reader_client.get(url)
    with count_queries() as served:
        again = reader_client.get(url)
    assert first.status_code == again.status_code == 200
    assert "Convenio de movilidad metropolitana" in again.get_data(as_text=True)
    assert served.count == 2, served.statements  # the signed-in user and the data version
    assert drawn.count > served.count


def test_browsing_changes_nothing_so_the_version_stays(reader_client):
    agreement = make_agreement()
    before = current_version()
    assert before is not None
    for url in [*PAGES, f"/instrumentos/{agreement.id}"]:
        assert reader_client.get(url).status_code == 200, url
    db.session.expire_all()
    assert current_version() == before


def test_a_change_made_by_another_worker_shows_on_the_next_view(
    app, reader_client, tmp_path, count_queries
):
    """Two app instances on one database are two gunicorn workers (or two hosts)."""
    agreement_id = make_agreement(title="Título de antes").id  # not the object: see rename()
    url = f"/instrumentos/{agreement_id}"
    for page in (url, "/instrumentos/"):
        assert "Título de antes" in reader_client.get(page).get_data(as_text=True)
        with count_queries() as served:
            reader_client.get(page)
        assert served.count == 2  # kept
    other_worker = create_app(
        base_config(app.config["SQLALCHEMY_DATABASE_URI"]), instance_path=tmp_path / "other"
    )

    def rename():  # (an object of this test's session would reload through the other app)
        with other_worker.app_context():
            db.session.get(Agreement, agreement_id).title = "Título de después"
            db.session.commit()
            db.session.remove()
            db.engine.dispose()

    isolated(rename)
    assert "Título de después" in reader_client.get(url).get_data(as_text=True)
    listed = reader_client.get("/instrumentos/").get_data(as_text=True)
    assert "Título de después" in listed and "Título de antes" not in listed


def test_a_rolled_back_change_keeps_the_version_and_a_committed_one_renews_it(app):
    before = current_version()
    db.session.add(Party(name="Contraparte que no se guarda", kind="estatal"))
    db.session.flush()
    db.session.rollback()
    assert current_version() == before
    db.session.execute(sa.update(Agreement).values(title="x"))  # a bulk statement, no objects
    db.session.commit()
    assert current_version() != before


def test_a_savepoint_leaves_the_version_to_its_transaction(app):
    before = current_version()
    with db.session.begin_nested():
        db.session.add(Party(name="Contraparte en un punto de guardado", kind="estatal"))
    assert current_version() == before  # not renewed inside the transaction
    db.session.commit()
    assert current_version() != before


def test_each_view_carries_its_own_csrf_token_and_nonce(app, make_user):
    """A page kept for one session is served to another session of the same user with that
    session's token (its forms work) and the nonce of its own Content-Security-Policy."""
    user = make_user(Role.EDITOR)
    first, second = app.test_client().login_as(user), app.test_client().login_as(user)
    kept = first.get("/mapa/")
    served = second.get("/mapa/")
    for response in (kept, served):
        nonce = re.search(r"'nonce-([^']+)'", response.headers["Content-Security-Policy"])[1]
        assert f'<script nonce="{nonce}">' in response.get_data(as_text=True)
    token = logout_token(served.get_data(as_text=True))
    assert token != logout_token(kept.get_data(as_text=True))
    logout = second.post("/salir", data={"csrf_token": token}, csrf=False)
    assert logout.status_code == 302 and "/entrar" in logout.headers["Location"]


def test_each_user_gets_their_own_page(app, make_user):
    reader = make_user(Role.READER, full_name="Martín Lector")
    editor = make_user(Role.EDITOR, full_name="Sara Editora")
    reader_page = app.test_client().login_as(reader).get("/instrumentos/").get_data(as_text=True)
    editor_page = app.test_client().login_as(editor).get("/instrumentos/").get_data(as_text=True)
    assert "Martín Lector" in reader_page and "Sara Editora" not in reader_page
    assert "Sara Editora" in editor_page and "/instrumentos/nuevo" in editor_page
    assert "/instrumentos/nuevo" not in reader_page


def test_a_page_kept_for_an_account_is_not_served_once_its_role_changed(app, make_user):
    """The user is loaded before the data version is read; a change of role that lands between
    the two must not serve the reader's page (without the editor's buttons) to the editor."""
    user = make_user(Role.READER)
    client = app.test_client().login_as(user)
    assert "/instrumentos/nuevo" not in client.get("/instrumentos/").get_data(as_text=True)
    with db.engine.begin() as connection:  # behind the session's back: the version stays
        connection.execute(
            sa.text("UPDATE users SET role = 'editor' WHERE id = :id"), {"id": user.id}
        )
    assert "/instrumentos/nuevo" in client.get("/instrumentos/").get_data(as_text=True)


def test_a_message_to_flash_is_shown_once_and_never_kept(editor_client):
    agreement = make_agreement(title="Convenio duplicado")
    assert "papelera" not in editor_client.get("/instrumentos/").get_data(as_text=True)
    trash = {"reason": "Registro duplicado"}
    response = editor_client.post(
        f"/instrumentos/{agreement.id}/eliminar", data=trash, follow_redirects=True
    )
    assert "Se envió a la papelera «" in response.get_data(as_text=True)
    assert "Se envió a la papelera" not in editor_client.get(response.request.path).get_data(
        as_text=True
    )


def test_a_page_that_flashes_while_drawing_is_not_kept(app, reader):
    from flask import flash, render_template_string

    from registry.page_cache import cached_page

    drawn = []

    @cached_page
    def page_that_flashes():
        drawn.append(1)
        flash("Aviso de una sola vez")
        return render_template_string("<p>{{ get_flashed_messages()[0] }}</p>")

    app.add_url_rule("/prueba-aviso", view_func=page_that_flashes)
    client = app.test_client().login_as(reader)
    for _ in range(2):
        assert "Aviso de una sola vez" in client.get("/prueba-aviso").get_data(as_text=True)
    assert len(drawn) == 2


def test_a_new_day_draws_the_page_again(reader_client, count_queries, monkeypatch):
    reader_client.get("/")
    monkeypatch.setattr("registry.page_cache.today_local", lambda: date.today() + timedelta(1))
    with count_queries() as next_day:
        reader_client.get("/")
    assert next_day.count > 2


@pytest.mark.parametrize("app_config", [{"PAGE_CACHE_SIZE": 0}])
def test_size_zero_turns_the_cache_off(reader_client, count_queries):
    reader_client.get("/instrumentos/")
    with count_queries() as again:
        reader_client.get("/instrumentos/")
    assert again.count > 2
