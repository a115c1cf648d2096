"""The domain errors services raise, and the Spanish error pages."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from flask import Flask, current_app, g, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from sqlalchemy import exc as sa_exc
from sqlalchemy.orm.exc import StaleDataError
from werkzeug.exceptions import HTTPException

from registry.extensions import db, login_manager


class DomainError(Exception):
    """A business rule refused an operation; ``field`` names the form field it belongs to.

    Views show the message next to that field (or as a flash when there is none); the CLI prints
    it as its one error line.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class EditConflict(DomainError):
    """Someone else saved the record (an agreement, a meeting: any row with a version) since it
    was read for this change; nothing was saved.

    Services raise it when the version a form was filled from is not the record's any more, and
    ``version_checked`` turns SQLAlchemy's ``StaleDataError`` into it (a concurrent save caught at
    a flush or at the commit). Every page shows the same message; the agreement form adds what
    the other person changed (``agreements.history.conflict_lines``).
    """

    def __init__(self, message: str | None = None):
        super().__init__(
            message
            or _(
                "Otra persona guardó cambios en este registro al mismo tiempo que usted; no se "
                "guardó nada. Vuelva a abrirlo para ver cómo quedó y repita lo que quería hacer."
            )
        )


@contextmanager
def version_checked() -> Iterator[None]:
    """Run a flush or a commit; a versioned row that another transaction saved meanwhile (the
    UPDATE … WHERE version = … matched nothing) becomes an ``EditConflict``."""
    try:
        yield
    except StaleDataError:
        raise EditConflict() from None


def show_on_form(form, error: DomainError) -> None:
    """Show a service's refusal next to its field, or above the form when it names none."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors = [*field.errors, error.message]  # a tuple until the form is validated
    else:
        form.form_errors.append(error.message)


#: Status codes with a page of their own under templates/errors/.
PAGES = (400, 403, 404, 405, 413, 429, 500, 503)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(sa_exc.OperationalError, _database_unavailable)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _csrf_error(error: CSRFError):
    _rollback()
    return _page("errors/400.html", 400, csrf=True)


def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    _rollback()
    code = error.code if error.code in PAGES else 500 if error.code >= 500 else 400
    return _page(f"errors/{code}.html", error.code, error=error)


def _database_unavailable(error: sa_exc.OperationalError):
    """The database did not answer (restarting, unreachable, locked too long): nothing was
    saved, and trying again in a moment works, so say exactly that (503, not a 500)."""
    current_app.logger.warning("Base de datos no disponible: %s", error.orig)
    _rollback()
    # The page must not need the database: Flask-Login would read the signed-in user from it.
    g._login_user = login_manager.anonymous_user()
    return render_template("errors/503.html"), 503, {"Retry-After": "5"}


def _unexpected_error(error: Exception):
    """Anything unhandled: undo the half-done unit of work, log it, answer a Spanish 500."""
    _rollback()
    current_app.logger.exception("Error no controlado")
    return _page("errors/500.html", 500)


def _rollback() -> None:
    try:
        db.session.rollback()
    except sa_exc.SQLAlchemyError:  # the connection itself is gone
        db.session.remove()


def _page(template: str, status: int, **context):
    """An error page, even when the database is down: the layout names the signed-in user, and
    loading the user is a query; if that fails the page is drawn as for a visitor (a bare
    English "Internal Server Error" from gunicorn is never the answer)."""
    try:
        return render_template(template, **context), status
    except sa_exc.OperationalError as error:
        current_app.logger.warning("Base de datos no disponible: %s", error.orig)
        _rollback()
        g._login_user = login_manager.anonymous_user()
        return render_template(template, **context), status
