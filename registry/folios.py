"""Human-readable folios: PREFIX-YEAR-NNN (HER-2025-003, REU-2025-014)."""

from __future__ import annotations

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
