"""The domain error services raise, and the Spanish error pages."""

from __future__ import annotations

from flask import Flask, current_app, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

from registry.extensions import db


class DomainError(Exception):
    """A business rule refused an operation; ``field`` names the form field it belongs to.

    Views show the message next to that field (or as a flash when there is none); the CLI prints
    it as its one error line.
    """

    def __init__(self, message: str, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def show_on_form(form, error: DomainError) -> None:
    """Show a service's refusal next to its field, or above the form when it names none."""
    field = getattr(form, error.field, None) if error.field else None
    if field is not None and hasattr(field, "errors"):
        field.errors.append(error.message)
    else:
        form.form_errors.append(error.message)


#: Status codes with a page of their own under templates/errors/.
PAGES = (400, 403, 404, 405, 413, 429, 500)


def register_error_handlers(app: Flask) -> None:
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(Exception, _unexpected_error)


def _csrf_error(error: CSRFError):
    db.session.rollback()
    return render_template("errors/400.html", csrf=True), 400


def _http_error(error: HTTPException):
    if error.code is None or error.code < 400:
        return error
    db.session.rollback()
    code = error.code if error.code in PAGES else 500 if error.code >= 500 else 400
    return render_template(f"errors/{code}.html", error=error), error.code


def _unexpected_error(error: Exception):
    """Anything unhandled: undo the half-done unit of work, log it, answer a Spanish 500."""
    db.session.rollback()
    current_app.logger.exception("Error no controlado")
    return render_template("errors/500.html"), 500
