"""Human-readable folios: PREFIX-YEAR-NNN (HER-2025-003, REU-2025-014).

A folio given by a user (the agreement form, an import) is checked by ``folio_problem``: it names
a record in file names, calendar files and URLs, so it holds only letters, digits and
``- / . _`` or single spaces between them, never quotes, semicolons or line breaks.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import func, select

from registry.extensions import db


def next_folio(folio_column, prefix: str, year: int) -> str:
    """The folio after the highest one already used with this prefix and year.

    Numbers are zero-padded to three digits and grow past 999, so the highest is the longest
    and then the greatest string (one indexed query, whatever the table size).
    """
    stem = f"{prefix}-{year}-"
    last = db.session.scalar(
        select(folio_column)
        .where(folio_column.like(f"{stem}%"))
        .order_by(func.length(folio_column).desc(), folio_column.desc())
        .limit(1)
    )
    suffix = last[len(stem) :] if last else ""
    number = int(suffix) + 1 if suffix.isdigit() else 1
    return f"{stem}{number:03d}"


#: The longest folio (the columns' size).
FOLIO_MAX = 30
_PUNCTUATION = "-/._"


def folio_problem(folio: str) -> str | None:
    """Why ``folio`` (as it will be stored: stripped, upper-case) cannot be a folio, or None."""
    if len(folio) > FOLIO_MAX:
        return _("El folio admite hasta %(n)d caracteres.", n=FOLIO_MAX)
    allowed = all(char.isalnum() or char in _PUNCTUATION for char in folio.replace(" ", ""))
    if not folio or not allowed or not folio[0].isalnum() or "  " in folio:
        return _(
            "El folio «%(f)s» solo puede llevar letras, números, guiones, diagonales, puntos o "
            "guiones bajos (p. ej. HER-2025-003).",
            f=folio,
        )
    return None
