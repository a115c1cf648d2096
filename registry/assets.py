"""Browser assets (the app's ``static/``, Bootstrap from bootstrap-flask, Leaflet from
xstatic-leaflet): versioned URLs, cached for a year, compressed.

- **Versioned URLs.** ``url_for`` on any static endpoint (``static``, ``bootstrap.static``,
  ``map.leaflet.static``…) adds ``?v=`` and the first 12 hex digits of the file's SHA-256, so
  templates, bootstrap-flask's ``load_css()``/``load_js()`` and the folium map's links all carry
  it without saying so. A changed file gets a new URL.
- **Long cache lifetimes.** A static file asked for with its current ``v`` is answered with
  ``Cache-Control: public, max-age=31536000, immutable``: the browser never asks again, so a
  second page costs only its HTML. Without ``v``, or with an old one, Flask's default stays
  (``no-cache``: revalidated by ETag on every use).
- **Compression** (Flask-Compress: brotli, or gzip for a browser without it, with
  ``Vary: Accept-Encoding``): CSS, JavaScript, SVG and JSON. HTML pages are not compressed:
  they carry the CSRF token next to text the user typed, which compression would let an
  eavesdropper guess byte by byte (BREACH).
- **No cookies on assets.** Flask-Login looks at the session after every request, which makes
  Flask add ``Vary: Cookie``: a browser would then fetch every asset again each time the session
  cookie changes (after any message shown). Asset responses neither read nor write the session,
  so they leave it out (:class:`AssetSessionInterface`).

The digests are computed from the files themselves and remembered per (path, modification time,
size), so an edited file gets its new digest on the next page.
"""

from __future__ import annotations

import hashlib
import os
import stat
from functools import lru_cache
from typing import Any

from flask import Flask, Response, current_app, request
from flask.sessions import SecureCookieSessionInterface, SessionMixin
from werkzeug.security import safe_join

from registry.extensions import compress

#: A year: what "immutable" means to every browser and proxy.
VERSIONED_MAX_AGE = 31_536_000

#: What is worth compressing (fonts here are woff2 and images PNG: compressed already).
COMPRESSED_TYPES = [
    "text/css",
    "text/javascript",
    "application/javascript",
    "image/svg+xml",
    "application/json",
    "application/geo+json",
]


def static_folder(app: Flask, endpoint: str | None) -> str | None:
    """The folder a static endpoint serves (the app's or a blueprint's), else None."""
    if endpoint == "static":
        return app.static_folder
    if endpoint and endpoint.endswith(".static"):
        blueprint = app.blueprints.get(endpoint.removesuffix(".static"))
        return blueprint.static_folder if blueprint is not None else None
    return None


def file_version(folder: str, filename: str) -> str | None:
    """The version of ``folder/filename`` for its URL (None: no such file)."""
    path = safe_join(folder, filename)
    if path is None:
        return None
    try:
        info = os.stat(path)
    except OSError:
        return None
    if not stat.S_ISREG(info.st_mode):
        return None
    return _digest(path, info.st_mtime_ns, info.st_size)


@lru_cache(maxsize=1024)
def _digest(path: str, modified_ns: int, size: int) -> str:
    with open(path, "rb") as file:
        return hashlib.file_digest(file, "sha256").hexdigest()[:12]


def add_version(endpoint: str, values: dict[str, Any]) -> None:
    """``url_for`` hook: a static file's URL gets ``v=<digest>``."""
    filename = values.get("filename")
    if not filename or "v" in values:
        return
    folder = static_folder(current_app, endpoint)
    if folder and (version := file_version(folder, filename)):
        values["v"] = version


def cache_versioned(response: Response) -> Response:
    """A static file asked for by its current version may be kept for a year, unasked."""
    if response.status_code not in (200, 304):
        return response
    folder = static_folder(current_app, request.endpoint)
    version = request.args.get("v")
    filename = (request.view_args or {}).get("filename")
    if folder and version and filename and version == file_version(folder, filename):
        cache = response.cache_control
        cache.no_cache = None
        cache.public = True
        cache.max_age = VERSIONED_MAX_AGE
        cache.immutable = True
        response.expires = None
    return response


def close_file_with_response(response: Response) -> Response:
    """Flask-Compress replaces a streamed file by a generator that compresses it, and drops the
    file: have the response close it (else only the garbage collector does)."""
    body = response.response
    if response.is_streamed and callable(close := getattr(body, "close", None)):
        response.call_on_close(close)
    return response


class AssetSessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, not saved (no ``Set-Cookie``, no ``Vary: Cookie``) on the
    response to a static file, which is the same for everyone."""

    def save_session(self, app: Flask, session: SessionMixin, response: Response) -> None:
        if static_folder(app, request.endpoint) is None:
            super().save_session(app, session, response)


def register_assets(app: Flask) -> None:
    """After the blueprints (their static endpoints must exist): versions, caching, compression."""
    static_endpoints = ["static"] + [
        f"{name}.static" for name, blueprint in app.blueprints.items() if blueprint.static_folder
    ]
    app.config.setdefault("COMPRESS_MIMETYPES", COMPRESSED_TYPES)
    # Brotli at 5 packs Bootstrap's CSS to 28 kB in 3.5 ms (gzip: 31 kB, the same time); gzip
    # for every other client. Static files are sent as streams, from which Flask-Compress
    # leaves gzip out by default.
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_ALGORITHM_STREAMING", ["br", "gzip"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 5)
    # Answer "not modified" to an If-None-Match that names the compressed file's ETag.
    app.config.setdefault("COMPRESS_STREAMING_ENDPOINT_CONDITIONAL", static_endpoints)
    compress.init_app(app)
    app.session_interface = AssetSessionInterface()
    app.url_defaults(add_version)
    app.after_request(cache_versioned)
    app.after_request(close_file_with_response)  # registered last: runs before compression
