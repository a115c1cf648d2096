"""Registro Metropolitano: the application factory."""

from __future__ import annotations

import os
from pathlib import Path

from flask import Flask
from werkzeug.middleware.proxy_fix import ProxyFix

from registry.config import load_config
from registry.request import RegistryRequest
from registry.routing import RecordIdConverter

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def create_app(test_config: dict | None = None, instance_path: str | os.PathLike | None = None):
    """Build the app: configuration, extensions, pages, CLI, in that order."""
    app = Flask(
        __name__,
        instance_path=str(
            instance_path or os.environ.get("REGISTRY_INSTANCE_PATH") or PROJECT_ROOT / "instance"
        ),
        instance_relative_config=True,
        template_folder=str(PROJECT_ROOT / "templates"),
        static_folder=str(PROJECT_ROOT / "static"),
    )
    app.request_class = RegistryRequest
    # Before any route exists: every integer in a URL is a record id within the column's range.
    app.url_map.converters["int"] = app.url_map.converters["id"] = RecordIdConverter
    load_config(app, test_config)
    register_extensions(app)
    register_blueprints(app)
    register_assets(app)
    register_request_hooks(app)
    register_templates(app)
    register_commands(app)
    return app


def register_extensions(app: Flask) -> None:
    from registry import models  # noqa: F401 - every table, for Alembic and relationships
    from registry.auth.models import User
    from registry.extensions import babel, bootstrap, csrf, db, login_manager, migrate

    db.init_app(app)
    migrate.init_app(app, db, directory=str(Path(__file__).parent / "migrations"))
    csrf.init_app(app)
    babel.init_app(app)
    bootstrap.init_app(app)

    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Inicie sesión para continuar."
    login_manager.login_message_category = "info"

    def load_user(session_token: str) -> User | None:
        return db.session.scalar(db.select(User).where(User.session_token == session_token))

    login_manager.user_loader(load_user)  # a call, not a decorator: Flask-Login has no types


def register_blueprints(app: Flask) -> None:
    """Every page of the app, each domain's blueprint from its ``views`` module."""
    from registry.admin import views as admin
    from registry.agreements import views as agreements
    from registry.areas import views as areas
    from registry.audit import views as audit
    from registry.auth import views as auth
    from registry.commitments import views as commitments
    from registry.dashboard import views as dashboard
    from registry.documents import views as documents
    from registry.files import views as files
    from registry.imports import views as imports
    from registry.indicators import views as indicators
    from registry.map import views as partner_map
    from registry.meetings import views as meetings
    from registry.parties import views as parties
    from registry.recycle import views as recycle
    from registry.reports import views as reports
    from registry.settings import views as settings
    from registry.topics import views as topics
    from registry.transparency import views as transparency
    from registry.users import views as users

    blueprints = (
        auth.bp,
        dashboard.bp,
        admin.bp,
        users.bp,
        files.bp,
        parties.bp,
        agreements.bp,
        documents.bp,
        topics.bp,
        areas.bp,
        meetings.bp,
        commitments.bp,
        partner_map.bp,
        reports.bp,
        indicators.bp,
        settings.bp,
        transparency.bp,
        recycle.bp,
        audit.bp,
        imports.bp,
    )
    for blueprint in blueprints:
        app.register_blueprint(blueprint)


def register_assets(app: Flask) -> None:
    from registry.assets import register_assets

    register_assets(app)


def register_request_hooks(app: Flask) -> None:
    from registry.auth.permissions import enforce_access_policy
    from registry.errors import register_error_handlers
    from registry.security import register_security

    if app.config["PROXY_FIX_X_FOR"]:
        # Flask's documented way to add middleware; mypy refuses any assignment to a method.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=app.config["PROXY_FIX_X_FOR"], x_proto=1
        )
    app.before_request(enforce_access_policy)
    register_error_handlers(app)
    register_security(app)


def register_templates(app: Flask) -> None:
    from registry.filters import register_filters
    from registry.navigation import register_navigation

    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    register_filters(app)
    register_navigation(app)


def register_commands(app: Flask) -> None:
    from registry.cli import register_cli

    register_cli(app)
