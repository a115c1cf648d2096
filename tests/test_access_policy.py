"""Authorization is enforced for every URL the app registers, including ones added later."""

from __future__ import annotations

import pytest
from werkzeug.routing import Rule

from registry.audit.models import AuditEvent
from registry.auth.models import Role
from registry.auth.permissions import PUBLIC, is_static_endpoint, required_role
from tests.conftest import row_count

SAMPLE_VALUES = {"int": 1, "float": 1.0, "string": "x", "path": "x", "default": "x", "uuid": "x"}


def sample_url(rule: Rule) -> str:
    """The rule's URL with a plausible value for each variable (records need not exist)."""
    values = {}
    for name in rule.arguments:
        converter = type(rule._converters[name]).__name__.lower().replace("converter", "")
        values[name] = SAMPLE_VALUES.get(converter, "1")
    path = rule.build(values, append_unknown=False)[1]
    return path


def app_rules(app, method: str):
    for rule in app.url_map.iter_rules():
        if is_static_endpoint(rule.endpoint) or method not in (rule.methods or ()):
            continue
        view = app.view_functions[rule.endpoint]
        yield rule, required_role(view, method)


def test_every_page_requires_login(app, client):
    checked = 0
    for rule, role in app_rules(app, "GET"):
        if role == PUBLIC:
            continue
        response = client.get(sample_url(rule))
        assert response.status_code == 302, rule.rule
        assert "/entrar" in response.headers["Location"], rule.rule
        checked += 1
    assert checked >= 5


def test_only_the_login_page_is_public(app):
    public = {
        rule.endpoint
        for method in ("GET", "POST")
        for rule, role in app_rules(app, method)
        if role == PUBLIC
    }
    # Besides logging in: each user's calendar feed, which phone calendars read without a
    # session; the secret token in its URL is the credential (revocable; 404 when wrong).
    assert public == {"auth.login", "meetings.feed_ics"}


def test_reader_gets_403_on_every_editing_endpoint(app, reader_client):
    checked = 0
    for rule, role in app_rules(app, "POST"):
        if role in (PUBLIC, Role.READER):
            continue  # logging in/out and a reader's own password are open to readers
        response = reader_client.post(sample_url(rule), data={})
        assert response.status_code == 403, rule.rule
        assert "Acceso no permitido" in response.get_data(as_text=True)
        checked += 1
    assert checked >= 4


def test_editor_gets_403_on_admin_pages(app, editor_client):
    for rule, role in app_rules(app, "GET"):
        if role == Role.ADMIN:
            assert editor_client.get(sample_url(rule)).status_code == 403, rule.rule


@pytest.mark.parametrize("who", ["admin_client", "editor_client", "reader_client"])
def test_post_without_csrf_token_is_refused_and_writes_nothing(app, who, request):
    client = request.getfixturevalue(who)
    events_before = row_count(AuditEvent)
    for rule, _role in app_rules(app, "POST"):
        response = client.post(sample_url(rule), data={"email": "x@y.mx"}, csrf=False)
        assert response.status_code == 400, rule.rule
        assert "El formulario caducó" in response.get_data(as_text=True)
    assert row_count(AuditEvent) == events_before
