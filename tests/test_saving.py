"""``registry.saving.save``: what every page does when it writes (one commit; a refusal rolls back
and shows on the form), checked through the pages and, for the moments a page cannot reach on
its own (someone else's save landing between our read and our commit), directly."""

from __future__ import annotations

import contextvars
from datetime import date

import pytest
from flask import get_flashed_messages

from registry.agreements import services
from registry.agreements.models import Agreement
from registry.agreements.status import Status
from registry.errors import DomainError
from registry.extensions import db
from registry.saving import save
from registry.topics.forms import TopicForm
from registry.topics.models import Topic
from tests.conftest import row_count
from tests.factories import make_agreement
from tests.forms import page_forms

CONFLICT = "Otra persona guardó cambios en este registro al mismo tiempo que usted"
WRITES = ("INSERT", "UPDATE", "DELETE")
MOVED_ON = date(2025, 5, 2)


def test_an_agreement_save_reads_nothing_once_it_has_written(editor_client, count_queries):
    agreement = make_agreement(title="Convenio de agua")
    url = f"/instrumentos/{agreement.id}/editar"
    fields = page_forms(editor_client.get(url).get_data(as_text=True))[-1]["fields"]
    with count_queries() as counter:
        response = editor_client.post(url, data={**fields, "notes": "Una nota nueva"})
    assert response.status_code == 302
    statements = [statement.lstrip().upper() for statement in counter.statements]
    first_write = next(n for n, statement in enumerate(statements) if statement.startswith(WRITES))
    after = statements[first_write:]
    assert [statement.split()[0] for statement in after] == ["UPDATE", "INSERT"], after
    assert db.session.get(Agreement, agreement.id).notes == "Una nota nueva"
    page = editor_client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Instrumento CON-2025-" in page and "guardado." in page


@pytest.fixture
def topic_form(app):
    with app.test_request_context("/admin/temas/", method="POST"):
        yield TopicForm(formdata=None)


def test_a_refusal_rolls_back_and_shows_on_its_field(topic_form):
    def add_then_refuse():
        db.session.add(Topic(name="Escrito a medias"))
        db.session.flush()
        raise DomainError("Ese nombre no sirve.", "name")

    assert save(topic_form, add_then_refuse) is None
    assert topic_form.name.errors == ["Ese nombre no sirve."]
    assert db.session.scalar(db.select(Topic).where(Topic.name == "Escrito a medias")) is None


def test_without_a_form_a_refusal_is_flashed(app):
    with app.test_request_context("/", method="POST"):
        assert save(None, lambda: (_ for _ in ()).throw(DomainError("No se puede."))) is None
        assert get_flashed_messages(with_categories=True) == [("danger", "No se puede.")]


def test_a_save_returns_what_the_services_returned(topic_form):
    topics = row_count(Topic)
    assert save(topic_form, lambda: None) is True
    topic = save(topic_form, lambda: Topic(name="Tema de prueba uno"))
    assert isinstance(topic, Topic)
    assert save(topic_form, lambda: db.session.add(Topic(name="Tema de prueba dos"))) is True
    assert row_count(Topic) == topics + 1


def test_a_commit_that_finds_the_record_saved_meanwhile_is_an_edit_conflict(topic_form, new_worker):
    agreement = make_agreement(title="Convenio de agua")
    assert agreement.version == 1
    other = new_worker("b")

    def theirs():  # another worker moves the agreement and commits (version 2)
        with other.app_context():
            services.change_status(db.session.get(Agreement, agreement.id), "negociacion", MOVED_ON)
            db.session.commit()

    def mine():
        contextvars.Context().run(theirs)  # lands between our read and our commit
        agreement.notes = "Mi nota"  # not flushed: the commit writes it, based on version 1

    assert save(topic_form, mine) is None
    assert len(topic_form.form_errors) == 1 and topic_form.form_errors[0].startswith(CONFLICT)
    saved = db.session.get(Agreement, agreement.id)
    assert (saved.status, saved.notes, saved.version) == (Status.NEGOCIACION, None, 2)


def test_a_value_taken_at_the_same_instant_is_a_refusal_not_an_error(topic_form):
    db.session.add(Topic(name="Tema de prueba"))
    db.session.commit()
    topics = row_count(Topic)

    def clash():  # as if the service's check had run just before someone else's commit
        db.session.add(Topic(name="Tema de prueba"))

    assert save(topic_form, clash) is None
    assert "pulse Guardar otra vez" in topic_form.form_errors[0]
    assert row_count(Topic) == topics
