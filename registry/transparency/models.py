"""The column layout of the transparency export, as an administrator adjusted it."""

from __future__ import annotations

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registry.extensions import Model


class TransparencyColumn(Model):
    """One column of the export. No rows at all: the default layout (``layout.DEFAULT_COLUMNS``)."""

    __tablename__ = "transparency_columns"
    __audit_entity__ = "transparency_column"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: 1, 2, 3…: the column's place in the sheet (kept consecutive by the services).
    position: Mapped[int]
    #: The header text exactly as the official template prints it.
    header: Mapped[str] = mapped_column(String(500))
    #: A key of ``sources.SOURCES``: where the column's values come from.
    source: Mapped[str] = mapped_column(String(40))
    #: The value of every row when ``source`` is "fixed".
    text: Mapped[str | None] = mapped_column(Text)
