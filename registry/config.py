"""Configuration: defaults here, then ``instance/config.py``, then the environment.

Environment variables with plain names (``DATABASE_URL``, ``SECRET_KEY``, ``UPLOAD_FOLDER``) are
the ones deployments already know; any other setting can be given as ``REGISTRY_<NAME>`` (values
are parsed as JSON when they can be, so ``REGISTRY_HTTPS=true`` is a boolean).
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from flask import Flask

#: Environment variables read by their plain name, mapped to the config key they set.
PLAIN_ENV_VARS = {
    "DATABASE_URL": "SQLALCHEMY_DATABASE_URI",
    "SECRET_KEY": "SECRET_KEY",
    "UPLOAD_FOLDER": "UPLOAD_FOLDER",
}

SECRET_KEY_FILE = "secret_key"  # noqa: S105 - a file name, not a secret


class DefaultConfig:
    """Settings every instance starts from; safe for a single-machine intranet install."""

    SECRET_KEY: str | None = None
    SQLALCHEMY_DATABASE_URI: str | None = None  # default: SQLite file under instance/
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True}
    UPLOAD_FOLDER: str | None = None  # default: instance/uploads
    MAX_CONTENT_LENGTH = 20 * 1024 * 1024  # bytes, for any single request
    UPLOAD_MAX_BYTES = 15 * 1024 * 1024  # bytes, for one uploaded file
    #: Pixels (width × height) of an uploaded photo: a 48-megapixel phone's full size fits, a
    #: "decompression bomb" does not (decoding takes about 3 bytes per pixel).
    UPLOAD_MAX_IMAGE_PIXELS = 50_000_000
    #: Which official ZMO delimitation "member of the ZMO" means: "2020" or "2015".
    ZMO_DELIMITATION = "2020"

    # Spanish (Mexico) everywhere; calendar dates are Oaxaca's.
    BABEL_DEFAULT_LOCALE = "es_MX"
    BABEL_DEFAULT_TIMEZONE = "America/Mexico_City"

    # Bootstrap from the installed bootstrap-flask package, never a CDN (the intranet has none).
    BOOTSTRAP_SERVE_LOCAL = True
    BOOTSTRAP_BTN_STYLE = "primary"

    # A CSRF token lives as long as the session: a long form must not die after an hour.
    WTF_CSRF_TIME_LIMIT = None

    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    #: Set true when served over HTTPS: cookies become Secure.
    HTTPS = False
    #: Base map under the partner map: "none" (an intranet: the app draws boundaries and names),
    #: "openstreetmap", or a tile URL such as "https://tiles.example.mx/{z}/{x}/{y}.png" (then
    #: also MAP_TILES_ATTRIBUTION). The tile server is added to the CSP's image sources.
    MAP_TILES = "none"
    MAP_TILES_ATTRIBUTION = ""
    #: Extra image sources for the Content-Security-Policy (e.g. a map tile server).
    CSP_EXTRA_IMG_SOURCES: list[str] = []
    #: Number of reverse proxies in front of the app whose X-Forwarded-For to trust.
    PROXY_FIX_X_FOR = 0

    #: Failed-login throttling by (account, address) pair (see auth/throttle.py): this many
    #: wrong passwords, then a lock of 1 minute, then 2, 4… up to 60; forgotten after a day.
    LOGIN_FREE_FAILURES = 5
    LOGIN_FIRST_LOCK_MINUTES = 1
    LOGIN_MAX_LOCK_MINUTES = 60
    LOGIN_FORGET_HOURS = 24

    #: How long an upload or a confirmation waits for the check or import it started before
    #: answering with a progress page (a small workbook needs none); see imports/jobs.py.
    IMPORT_WAIT_SECONDS = 2.0

    ITEMS_PER_PAGE = 25


def load_config(app: Flask, test_config: dict | None) -> None:
    """Apply defaults, instance/config.py, the environment, then the test mapping, in that order."""
    app.config.from_object(DefaultConfig)
    app.config.from_pyfile("config.py", silent=True)
    for env_name, key in PLAIN_ENV_VARS.items():
        if os.environ.get(env_name):
            app.config[key] = os.environ[env_name]
    app.config.from_prefixed_env("REGISTRY")
    if test_config:
        app.config.from_mapping(test_config)

    instance = Path(app.instance_path)
    app.config["SQLALCHEMY_DATABASE_URI"] = normalize_database_url(
        app.config["SQLALCHEMY_DATABASE_URI"] or f"sqlite:///{instance / 'registry.sqlite3'}"
    )
    app.config["UPLOAD_FOLDER"] = str(app.config["UPLOAD_FOLDER"] or instance / "uploads")
    if app.config["HTTPS"]:
        app.config["SESSION_COOKIE_SECURE"] = True
        app.config["REMEMBER_COOKIE_SECURE"] = True
        app.config["PREFERRED_URL_SCHEME"] = "https"
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = instance_secret_key(instance)


def normalize_database_url(url: str) -> str:
    """Point plain ``postgres://`` / ``postgresql://`` URLs at the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def instance_secret_key(instance: Path) -> str:
    """Read the instance's secret key, creating it (mode 600) on the first run.

    Several workers may start at once: the key is written to a private temporary file and then
    hard-linked into place, which fails if another worker got there first; the loser reads the
    winner's complete key, never a half-written one.
    """
    instance.mkdir(parents=True, exist_ok=True)
    path = instance / SECRET_KEY_FILE
    if not path.exists():
        tmp = instance / f".{SECRET_KEY_FILE}.{secrets.token_hex(8)}"
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(secrets.token_hex(32))
        try:
            os.link(tmp, path)
        except FileExistsError:
            pass
        finally:
            tmp.unlink()
    return path.read_text(encoding="ascii").strip()
