"""The managed topic list: admins add, rename and deactivate; duplicates are refused."""

from __future__ import annotations

import sqlalchemy as sa

from registry.extensions import db
from registry.topics.models import Topic
from tests.conftest import row_count
from tests.factories import make_agreement
from tests.forms import submit_form


def topic_named(name: str) -> Topic | None:
    return db.session.scalar(sa.select(Topic).where(Topic.name == name))


def test_admin_adds_a_topic_through_the_real_form(admin_client):
    before = row_count(Topic)
    # form 0 is the logout button, form 1 the new topic; the rest are each row's buttons
    response = submit_form(admin_client, "/admin/temas/", {"name": "  Protección   civil "}, 1)
    assert response.status_code == 302
    assert row_count(Topic) == before + 1 and topic_named("Protección civil").active


def test_duplicates_are_refused_ignoring_case_and_accents(admin_client):
    before = row_count(Topic)
    response = admin_client.post("/admin/temas/", data={"name": "EDUCACION"})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Ya existe el tema «Educación»" in page
    assert row_count(Topic) == before


def test_rename_and_deactivate(app, admin_client, editor):
    editor_client = app.test_client().login_as(editor)
    agreement = make_agreement(topics=["Movilidad"])
    topic = topic_named("Movilidad")
    url = f"/admin/temas/{topic.id}/editar"
    assert submit_form(admin_client, url, {"name": "Movilidad urbana"}).status_code == 302
    assert db.session.get(Topic, topic.id).name == "Movilidad urbana"
    refused = submit_form(admin_client, url, {"name": "agua"})
    assert "Ya existe el tema «Agua»" in refused.get_data(as_text=True)

    assert admin_client.post(f"/admin/temas/{topic.id}/desactivar").status_code == 302
    assert not db.session.get(Topic, topic.id).active
    form = editor_client.get("/instrumentos/nuevo").get_data(as_text=True)
    assert "Movilidad urbana" not in form  # no longer offered …
    edit = editor_client.get(f"/instrumentos/{agreement.id}/editar").get_data(as_text=True)
    assert "Movilidad urbana" in edit  # … but the agreement that has it keeps it
    assert admin_client.post(f"/admin/temas/{topic.id}/reactivar").status_code == 302
    assert db.session.get(Topic, topic.id).active


def test_the_catalogue_is_for_admins(app, editor, reader):
    topic = topic_named("Agua")
    for user in (editor, reader):
        client = app.test_client().login_as(user)
        assert client.get("/admin/temas/").status_code == 403
        assert client.post("/admin/temas/", data={"name": "Nuevo"}).status_code == 403
        assert client.post(f"/admin/temas/{topic.id}/desactivar").status_code == 403
    assert topic_named("Nuevo") is None and db.session.get(Topic, topic.id).active


def test_listed_on_the_admin_page(admin_client):
    assert "/admin/temas/" in admin_client.get("/admin/").get_data(as_text=True)
