"""Saving from a page: the one way a view writes.

``save(form, lambda: services.do_something(...))`` runs the service calls, commits once, and
returns what they returned. If a rule refuses (a ``DomainError``, an ``EditConflict`` included,
also when the commit itself finds that someone else saved a versioned row meanwhile), nothing is
saved: the session is rolled back, the message is shown (next to the field it names, else above
the form; flashed when there is no form) and ``save`` returns None. So is a unique value taken
at the same instant by another request (two new meetings given the same next folio): the
database refuses the second (``IntegrityError``), which is shown as a refusal, and logged.
Services flush and audit but never commit; commands use ``registry.cli.cli_transaction``.

Objects keep their values after the commit (the session does not expire them), so the flash
and the redirect that follow a save read nothing again from the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Literal, TypeVar, overload

from flask import current_app, flash
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from registry.errors import DomainError, show_on_form, version_checked
from registry.extensions import db

T = TypeVar("T")
#: How a refusal is shown: ``show(form, error)``, after the rollback.
Show = Callable[[Any, DomainError], None]


@overload
def save(
    form: Any, work: Callable[[], None], *, show: Show | None = None
) -> Literal[True] | None: ...


@overload
def save(form: Any, work: Callable[[], T], *, show: Show | None = None) -> T | None: ...


def save(form: Any, work: Callable[[], Any], *, show: Show | None = None) -> Any:
    """Run ``work`` and commit; its result (True when it returns None), or None if refused.

    ``show`` places a refusal where ``show_on_form`` would not (the agreement form's party rows,
    its edit conflicts); it is called after the rollback, so it may read the current data.
    """
    try:
        with version_checked():
            result = _commit_after(work)
    except DomainError as error:
        db.session.rollback()
        if show is not None:
            show(form, error)
        elif form is None:
            flash(error.message, "danger")
        else:
            show_on_form(form, error)
        return None
    return True if result is None else result


def _commit_after(work: Callable[[], Any]) -> Any:
    try:
        result = work()
        db.session.commit()
    except IntegrityError as clash:
        current_app.logger.warning("Guardado rechazado por la base de datos: %s", clash.orig)
        raise DomainError(
            _(
                "No se guardó: otro registro ya tiene alguno de estos datos (el folio, por "
                "ejemplo); quizá otra persona lo guardó en este momento. Revise los datos y "
                "pulse Guardar otra vez."
            )
        ) from None
    return result
