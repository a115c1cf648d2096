"""The export's column layout: the default one, or the one an administrator arranged.

While the table is empty the export uses ``sources.DEFAULT_COLUMNS`` (the layout of
docs/transparency.md). The first change an administrator makes copies that default
into the table and applies the change there; "restore" empties the table again. Columns are
addressed by their position (1 = first), which the services keep consecutive.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import delete, select

from registry.audit import services as audit
from registry.errors import DomainError
from registry.extensions import db
from registry.transparency.models import TransparencyColumn
from registry.transparency.sources import DEFAULT_COLUMNS, SOURCES

ENTITY = "transparency_column"


@dataclass(frozen=True)
class ColumnSpec:
    position: int
    header: str
    source: str
    text: str | None = None


def default_columns() -> list[ColumnSpec]:
    return [ColumnSpec(n, header, source) for n, (header, source) in enumerate(DEFAULT_COLUMNS, 1)]


def _rows() -> list[TransparencyColumn]:
    query = select(TransparencyColumn).order_by(TransparencyColumn.position, TransparencyColumn.id)
    return list(db.session.scalars(query))


def is_customized() -> bool:
    return bool(_rows())


def current_columns() -> list[ColumnSpec]:
    """The layout the export uses now."""
    rows = _rows()
    if not rows:
        return default_columns()
    return [ColumnSpec(n, row.header, row.source, row.text) for n, row in enumerate(rows, 1)]


def add_column(header: str, source: str, text: str | None = None, *, user=None) -> ColumnSpec:
    """Append a column at the end."""
    header, source, text = _checked(header, source, text)
    rows = _materialized()
    row = TransparencyColumn(position=len(rows) + 1, header=header, source=source, text=text)
    db.session.add(row)
    db.session.flush()
    audit.record("create", ENTITY, row.position, after=_state(row), user=user)
    return ColumnSpec(row.position, header, source, text)


def update_column(
    position: int, header: str, source: str, text: str | None = None, *, user=None
) -> None:
    """Change the header or source of the column at ``position``."""
    header, source, text = _checked(header, source, text)
    row = _at(_materialized(), position)
    before = _state(row)
    row.header, row.source, row.text = header, source, text
    db.session.flush()
    old, new = audit.changes(before, _state(row))
    if new:
        audit.record("update", ENTITY, position, before=old, after=new, user=user)


def move_column(position: int, offset: int, *, user=None) -> int:
    """Move a column ``offset`` places (−1 left, +1 right); its new position."""
    rows = _materialized()
    row = _at(rows, position)
    target = min(max(position + offset, 1), len(rows))
    rows.insert(target - 1, rows.pop(position - 1))
    _renumber(rows)
    if target != position:
        audit.record(
            "move",
            ENTITY,
            target,
            before={"position": position},
            after={"position": target, "header": row.header},
            user=user,
        )
    return target


def remove_column(position: int, *, user=None) -> None:
    """Remove a column; the last one cannot go (restore the default layout instead)."""
    rows = _materialized()
    row = _at(rows, position)
    if len(rows) == 1:
        raise DomainError(
            _(
                "El formato necesita al menos una columna; para volver al formato "
                "predeterminado use «Restablecer»."
            )
        )
    before = _state(row)
    rows.remove(row)
    db.session.delete(row)
    _renumber(rows)
    audit.record("delete", ENTITY, position, before=before, user=user)


def reset_columns(*, user=None) -> None:
    """Back to the default layout (the table emptied)."""
    if not is_customized():
        return
    before = {"columns": [column.header for column in current_columns()]}
    db.session.execute(delete(TransparencyColumn))
    db.session.flush()
    audit.record("reset", ENTITY, None, before=before, user=user)


# Helpers ---------------------------------------------------------------------------------------


def _materialized() -> list[TransparencyColumn]:
    """The table's rows, after copying the default layout into it if it was empty."""
    rows = _rows()
    if rows:
        return rows
    rows = [
        TransparencyColumn(position=c.position, header=c.header, source=c.source)
        for c in default_columns()
    ]
    db.session.add_all(rows)
    db.session.flush()
    return rows


def _at(rows: list[TransparencyColumn], position: int) -> TransparencyColumn:
    if not 1 <= position <= len(rows):
        raise DomainError(_("No existe la columna %(n)d.", n=position))
    return rows[position - 1]


def _renumber(rows: list[TransparencyColumn]) -> None:
    for number, row in enumerate(rows, 1):
        row.position = number
    db.session.flush()


def _checked(header: str, source: str, text: str | None) -> tuple[str, str, str | None]:
    header = " ".join((header or "").split())
    if not header:
        raise DomainError(
            _("Escriba el encabezado de la columna, como lo publica el formato."), "header"
        )
    if source not in SOURCES:
        raise DomainError(_("Elija de dónde salen los datos de la columna."), "source")
    text = (text or "").strip() or None
    return header, source, text if source == "fixed" else None


def _state(row: TransparencyColumn) -> dict:
    return {"position": row.position, "header": row.header, "source": row.source, "text": row.text}
