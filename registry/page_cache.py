"""Rendered pages kept per process while the registry's data stay the same.

The pages officials open all day (dashboard, lists, an agreement or a meeting) change only when
someone records something, yet drawing one costs ten times a bare query-and-table page: the
ORM, the filter forms and the layout. A view decorated with ``@cached_page`` is drawn once per
(address with its query string, user, day) and *data version* (``data_version``: any write, by
any worker or host, replaces it), then served from memory until the next write.

What differs between two requests for the same page is put back on every use: the CSP nonce of
the request and its CSRF token are stored as marks and replaced; pages with messages to flash,
anything but a 200 HTML answer and anonymous requests are never kept. The user is part of the
key because the layout shows their name and their role decides the buttons; the day because
pages say "today" (the dashboard's coming meetings, default quarters). The signed-in user is
loaded before the data version is read (the access policy needs them first), so the key holds
their role and name as loaded: a page drawn for an account changed meanwhile is kept under what
it showed, and served only to a request that loaded the same.

``PAGE_CACHE_SIZE`` pages are kept per process (least recently used first out); 0 turns it off,
and so does debug mode, where edited templates must show at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import wraps

from flask import Response, current_app, g, message_flashed, request, session
from flask_login import current_user
from flask_wtf.csrf import generate_csrf

from registry.caching import keep, lookup
from registry.data_version import current_version
from registry.dates import today_local
from registry.security import csp_nonce

STORE = "rendered_pages"
NONCE_MARK = b"\x00csp-nonce\x00"
CSRF_MARK = b"\x00csrf-token\x00"
#: Headers the view's response may not carry over to another request.
_PER_RESPONSE_HEADERS = {"content-length", "set-cookie"}


@dataclass(frozen=True)
class KeptPage:
    #: The encoded page with the marks in place of this request's nonce and token.
    body: bytes
    headers: tuple[tuple[str, str], ...]
    has_nonce: bool
    has_csrf: bool

    @classmethod
    def of(cls, response: Response) -> KeptPage:
        body = response.get_data()
        nonce, token = g.get("csp_nonce"), g.get(current_app.config["WTF_CSRF_FIELD_NAME"])
        has_nonce = bool(nonce) and nonce.encode() in body
        has_csrf = bool(token) and token.encode() in body
        if has_nonce:
            body = body.replace(nonce.encode(), NONCE_MARK)
        if has_csrf:
            body = body.replace(token.encode(), CSRF_MARK)
        headers = tuple(
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in _PER_RESPONSE_HEADERS
        )
        return cls(body, headers, has_nonce, has_csrf)

    def response(self) -> Response:
        body = self.body
        if self.has_nonce:
            body = body.replace(NONCE_MARK, csp_nonce().encode())
        if self.has_csrf:
            body = body.replace(CSRF_MARK, generate_csrf().encode())
        return Response(body, status=200, headers=list(self.headers))


def _keepable(response: Response) -> bool:
    return (
        response.status_code == 200
        and response.mimetype == "text/html"
        and not response.is_streamed
    )


def cached_page(view):
    """Serve the view's page from memory while the data version is unchanged (see above)."""

    @wraps(view)
    def serve(*args, **kwargs):
        limit = current_app.config["PAGE_CACHE_SIZE"]
        if (
            not limit
            or current_app.debug  # ``flask run --debug`` reloads edited templates: show them
            or request.method != "GET"
            or "_flashes" in session  # the page would show them, then they would be gone
            or not current_user.is_authenticated
        ):
            return view(*args, **kwargs)
        version = current_version()  # before any data is read: see data_version
        if version is None:
            return view(*args, **kwargs)
        # The user as loaded (before the version: see the module's docstring), by what pages show
        # of them: their name, and their role, which decides the buttons.
        user = (current_user.id, current_user.role, current_user.full_name)
        key = (request.full_path, user, today_local())
        kept: KeptPage | None = lookup(STORE, key, version)
        if kept is not None:
            return kept.response()
        flashed = []
        app = current_app._get_current_object()
        with message_flashed.connected_to(lambda *_, **message: flashed.append(message), app):
            response = current_app.make_response(view(*args, **kwargs))
        if _keepable(response) and not flashed:  # a message is shown once, never kept
            keep(STORE, key, version, KeptPage.of(response), limit)
        return response

    return serve
