"""The declarative base every model inherits, and column types shared across domains."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import DateTime, Enum, MetaData, event
from sqlalchemy.engine import Engine
from sqlalchemy.orm import DeclarativeBase
from sqlalchemy.types import TypeDecorator

#: Named constraints, so Alembic migrations can refer to (and drop) them on every backend.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


def utcnow() -> datetime:
    """The current instant, timezone-aware (UTC); the only clock models should use."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator):
    """An instant stored as UTC and always returned timezone-aware.

    SQLite keeps no time zone, so a plain ``DateTime(timezone=True)`` comes back naive there and
    Flask-Babel would take it for UTC only by luck. Calendar dates (the date of an act) are
    ``Date`` columns, never instants.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("UTCDateTime needs a timezone-aware datetime")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record) -> None:
    """WAL for concurrent readers, enforced foreign keys, a wait instead of 'database is locked'."""
    if not isinstance(dbapi_connection, sqlite3.Connection):
        return
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=15000")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


def str_enum(enum_class: type[StrEnum], name: str) -> Enum:
    """A column type storing a ``StrEnum`` by its readable value, guarded by a named CHECK.

    Values, not member names, go to the database (``"firmado"``, not ``"SIGNED"``), so raw SQL,
    exports and the import spreadsheet all speak the same codes.
    """
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=max(len(member.value) for member in enum_class),
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
    )
