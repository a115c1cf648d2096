"""Hostile input (issue 9): every form of the app, fed random and adversarial values.

The test signs in as an admin over the demo data, walks the site from the dashboard following its
links, and collects every POST form it meets. For each form it then submits, many times over, the
form as the page renders it (valid: an edit page carries the record's values) with one to three
fields replaced by hypothesis' values: long strings, control characters, markup, SQL, emoji,
several values where one is expected, a file where text is expected. Every answer must be below
500 and show no live attacker markup; at the end every page is walked again (what was stored is
rendered escaped) and the database's constraints still hold. A second, deterministic pass puts
markup and out-of-range values (huge and negative numbers, NaN, 70,000 characters) in every field
of every form once, so that no field depends on the random draw.

A form added to the app but reachable from no page fails ``test_every_form_is_exercised``.
"""

from __future__ import annotations

import io
import itertools
import re
from collections import defaultdict
from urllib.parse import urlsplit

import pytest
import sqlalchemy as sa
from hypothesis import given
from hypothesis import strategies as st

from registry.auth.models import Role
from registry.demo import load_demo
from registry.extensions import db
from registry.meetings.models import Meeting
from registry.meetings.services import delete_meeting, set_state
from registry.parties.models import Party
from registry.topics.models import Topic
from tests.forms import page_forms, submit_form
from tests.imports.conftest import build_workbook
from tests.imports.workbooks import ENSENADA, RECORRIDO
from tests.security.hostile import (
    ADVERSARIAL,
    EXAMPLES,
    hostile_settings,
    live_markup,
    text_values,
)

#: Pages visited per endpoint while walking the site (detail pages differ little between records).
PAGES_PER_ENDPOINT = 2
#: Markup that would run if a page printed it unescaped, then what overflows numbers and columns.
BOUNDARY = [ADVERSARIAL[2], "99999999999999999999999", "-2147483649", "NaN", "1e309", "x" * 70_000]
#: Forms that end what later forms need (a record, the session): exercised last.
ENDING = re.compile(r"deactivate|delete|remove|revoke|cancel|restore|reset|logout|close")

LINK = re.compile(r'href="(/[^"#]*)"')


def html(response) -> str | None:
    if response.mimetype != "text/html":
        return None
    return response.get_data(as_text=True)


def endpoint_of(app, path: str, method: str = "GET") -> str | None:
    try:
        endpoint, _ = app.url_map.bind("localhost").match(urlsplit(path).path, method=method)
    except Exception:  # noqa: BLE001 - not a route of ours (a 404, a static file)
        return None
    return endpoint


def walk(app, client, start: list[str]) -> tuple[list[str], dict[str, str]]:
    """Every page reachable from ``start`` (a few per endpoint), and for each POST endpoint the
    page that shows its form."""
    pages, forms = [], {}
    seen_per_endpoint: dict[str, int] = defaultdict(int)
    queue, visited = list(start), set()
    while queue:
        url = queue.pop(0)
        endpoint = endpoint_of(app, url)
        if url in visited or endpoint is None or "static" in endpoint:
            continue
        visited.add(url)
        if seen_per_endpoint[endpoint] >= PAGES_PER_ENDPOINT:
            continue
        seen_per_endpoint[endpoint] += 1
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        page = html(response)
        response.close()
        if page is None or response.status_code != 200:
            continue
        pages.append(url)
        for form in page_forms(page):
            action = endpoint_of(app, form["action"] or url, "POST")
            if action and action not in forms:
                forms[action] = url
        queue.extend(link.replace("&amp;", "&") for link in LINK.findall(page))
    return pages, forms


@st.composite
def hostile_values(draw):
    """A text value, or a wrong type: several values, or a file."""
    kind = draw(st.sampled_from(["text"] * 6 + ["several", "file"]))
    if kind == "several":
        return draw(st.lists(text_values, min_size=2, max_size=3))
    if kind == "file":
        return (io.BytesIO(draw(st.binary(max_size=64))), draw(text_values) or "archivo")
    return draw(text_values)


@pytest.fixture
def site(app, client, make_user):
    """The demo plus what makes every form appear (commitments open and closed, an evidence link,
    a calendar feed, deactivated records, a meeting in the recycle bin, a moved transparency
    column, an import waiting for confirmation), an admin signed in, the site walked."""
    load_demo()
    admin = make_user(Role.ADMIN, email="admin@oaxaca.gob.mx", full_name="Administración")
    other = make_user(Role.EDITOR, email="otra.editora@oaxaca.gob.mx", full_name="Otra Editora")
    meetings = db.session.scalars(sa.select(Meeting).order_by(Meeting.id)).all()
    delete_meeting(meetings[-1], user=admin, reason="Prueba de la papelera")
    set_state(meetings[1], "programada", user=admin)  # a held meeting awaiting confirmation
    other.active = False
    inactive_party = db.session.scalars(sa.select(Party).order_by(Party.id)).first()
    inactive_party.active = False
    db.session.scalars(sa.select(Topic).order_by(Topic.id)).first().active = False
    db.session.commit()
    client.login_as(admin)

    meeting_page = f"/reuniones/{meetings[0].id}"
    for text in ("Entregar el padrón", "Revisar el convenio"):
        submit_form(
            client,
            meeting_page,
            {"text": text},
            form_index=form_of(client, meeting_page, "commitments.add"),
        )
    submit_form(
        client,
        meeting_page,
        {"url": "https://www.facebook.com/MunicipioOaxaca/1"},
        form_index=form_of(client, meeting_page, "meetings.add_link"),
    )
    submit_form(
        client,
        meeting_page,
        {},
        form_index=form_of(client, meeting_page, "commitments.close"),
    )
    assert client.post("/reuniones/suscripcion/activar").status_code == 302
    assert client.post("/admin/transparencia/columnas/1/derecha").status_code == 302
    preview = client.post(
        "/importar/",
        data={"file": (io.BytesIO(build_workbook([ENSENADA], [RECORRIDO])), "bitacora.xlsx")},
        content_type="multipart/form-data",
    )
    assert preview.status_code == 302, preview.get_data(as_text=True)

    pages, forms = walk(
        app,
        client,
        [
            "/",
            meeting_page,
            f"/reuniones/{meetings[1].id}",
            f"/contrapartes/{inactive_party.id}",
            preview.headers["Location"],
        ],
    )
    return admin, pages, forms


def form_of(client, url: str, endpoint: str) -> int:
    """The index, among the POST forms of ``url``, of the first one posting to ``endpoint``."""
    forms = page_forms(client.get(url).get_data(as_text=True))
    actions = [endpoint_of(client.application, f["action"] or url, "POST") for f in forms]
    return actions.index(endpoint)


def post_endpoints(app) -> set[str]:
    return {rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods}


def test_every_form_is_exercised(app, site):
    """Every POST endpoint has its form on some page (the login form: signed out)."""
    _, _, forms = site
    missing = sorted(post_endpoints(app) - set(forms))
    assert missing == ["auth.login"], " ".join(missing)


def test_hostile_values_in_every_form(app, client, site):
    admin, pages, forms = site
    order = sorted(forms, key=lambda endpoint: (bool(ENDING.search(endpoint)), endpoint))
    for endpoint in order:
        hammer(client, admin, endpoint, forms[endpoint])
    client.login_as(admin)
    for url in pages:
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        page = html(response) or ""
        assert live_markup(page) is None, (url, live_markup(page))
    assert_constraints_hold()


def test_every_field_takes_markup_and_out_of_range_values(app, client, site):
    """Each field of each form holding, in turn, markup and the values that break types and
    columns: never a 500, whatever is saved or echoed back in the form's errors is shown as text
    (also on every page afterwards), and the constraints hold."""
    admin, pages, forms = site
    order = sorted(forms, key=lambda endpoint: (bool(ENDING.search(endpoint)), endpoint))
    for endpoint in order:
        page_url = forms[endpoint]
        form = current_form(client, admin, endpoint, page_url)
        names = sorted(form["fields"] if form else ())
        for name, value in itertools.product(names, BOUNDARY):
            form = current_form(client, admin, endpoint, page_url)
            if form is None or name == "csrf_token":
                continue
            fields = {**form["fields"], name: value}
            response = client.post(
                form["action"] or page_url, data=fields, csrf=False, follow_redirects=True
            )
            assert response.status_code < 500, (endpoint, name, value[:40], response.status_code)
            assert live_markup(html(response) or "") is None, (endpoint, name)
    client.login_as(admin)
    for url in pages:
        response = client.get(url)
        assert response.status_code < 500, (url, response.status_code)
        assert live_markup(html(response) or "") is None, (url, live_markup(html(response)))
    assert_constraints_hold()


def test_hostile_values_in_the_login_form(app, client, admin):
    hammer(client, None, "auth.login", "/entrar")


def hammer(client, admin, endpoint: str, page_url: str) -> None:
    @hostile_settings(EXAMPLES)
    @given(
        picks=st.lists(st.tuples(st.integers(0, 10_000), hostile_values()), min_size=1, max_size=3)
    )
    def submit(picks):
        # Drawn before the page is read: what the page holds changes as earlier examples save.
        form = current_form(client, admin, endpoint, page_url)
        if form is None:  # the record is gone (a delete form ran before)
            return
        fields = dict(form["fields"])
        names = sorted(name for name in fields if name != "csrf_token") or ["campo"]
        for index, value in picks:
            fields[names[index % len(names)]] = value
        response = client.post(
            form["action"] or page_url, data=fields, csrf=False, follow_redirects=True
        )
        assert response.status_code < 500, (endpoint, fields, response.status_code)
        body = html(response) or ""
        assert live_markup(body) is None, (endpoint, live_markup(body))

    submit()


def current_form(client, admin, endpoint: str, page_url: str) -> dict | None:
    """The form posting to ``endpoint`` as ``page_url`` shows it now (signed in as ``admin``,
    or signed out when None); None when the page or the form is gone."""
    if admin is not None:
        client.login_as(admin)
    page = client.get(page_url)
    if page.status_code != 200:
        return None
    return next(
        (
            form
            for form in page_forms(html(page) or "")
            if endpoint_of(client.application, form["action"] or page_url, "POST") == endpoint
        ),
        None,
    )


def assert_constraints_hold() -> None:
    """No row points at a row that does not exist (every foreign key of the schema, checked by a
    query on both databases), and SQLite's file is sound."""
    db.session.rollback()
    orphans = {}
    for table in db.metadata.sorted_tables:
        for key in table.foreign_keys:
            parent = key.column.table.alias()
            query = (
                sa.select(sa.func.count())
                .select_from(table.outerjoin(parent, key.parent == parent.c[key.column.name]))
                .where(key.parent.is_not(None), parent.c[key.column.name].is_(None))
            )
            if count := db.session.scalar(query):
                orphans[str(key.parent)] = count
    assert orphans == {}
    if db.engine.dialect.name == "sqlite":
        assert db.session.execute(sa.text("PRAGMA integrity_check")).scalar() == "ok"
