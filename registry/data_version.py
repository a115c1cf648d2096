"""The registry's data version: one token that changes with every committed write.

Pages are kept rendered per process (``page_cache``) while several processes, even hosts, serve
the same database; a kept page may be shown only while nothing at all was written since it was
drawn. So every transaction that writes replaces this token, and a request reads it before it
reads anything else:

- The token is a random value, not a counter, so that a database restored from a backup cannot
  bring back a value some process has pages for (the restore also draws a new one).
- It is replaced in the same transaction as the write, at commit, as the transaction's very last
  statement (after the final flush): its row lock is then held only until the commit and never
  while waiting for another lock, so writers queue on it briefly but cannot deadlock on it.
- A write is anything the session flushes or any INSERT/UPDATE/DELETE (or non-SELECT text)
  statement run through it: the ORM, bulk inserts, the importer and the CLI all go through it.
  Alembic migrations do not, but they run before the app serves, and its processes restart.
- A request that reads the token first and then its data sees data at least as new as the
  token; the page it keeps under that token is never older than what the token promises.
"""

from __future__ import annotations

import secrets

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.orm import Session

from registry.extensions import db

data_version = sa.Table(
    "data_version",
    db.metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("token", sa.String(32), nullable=False),
)

#: The single row's id.
ROW = 1
#: Key in ``Session.info``: this transaction has written something.
_WROTE = "registry_wrote"
_READS = ("SELECT", "WITH", "PRAGMA", "SHOW")


def current_version() -> str | None:
    """The token as committed now (None only where the row is missing: an emptied test
    database before its first write)."""
    query = sa.select(data_version.c.token).where(data_version.c.id == ROW)
    return db.session.execute(query).scalar()


def renew(connection: sa.Connection) -> None:
    """Draw a new token (inserting the row if it is missing)."""
    token = secrets.token_hex(16)
    updated = connection.execute(
        sa.update(data_version).where(data_version.c.id == ROW).values(token=token)
    )
    if updated.rowcount == 0:
        connection.execute(sa.insert(data_version).values(id=ROW, token=token))


@event.listens_for(Session, "after_flush")
def _note_flushed_changes(session: Session, flush_context) -> None:
    if session.info.get(_WROTE):
        return
    changed = session.new or session.deleted or any(session.is_modified(o) for o in session.dirty)
    if changed:
        session.info[_WROTE] = True


@event.listens_for(Session, "do_orm_execute")
def _note_statements_that_write(state) -> None:
    statement = state.statement
    if state.is_insert or state.is_update or state.is_delete:
        writes = True
    elif isinstance(statement, sa.TextClause):
        writes = not statement.text.lstrip().upper().startswith(_READS)
    else:
        writes = False
    if writes:
        state.session.info[_WROTE] = True


@event.listens_for(Session, "before_commit")
def _renew_on_commit(session: Session) -> None:
    if session.in_nested_transaction():
        return  # a savepoint: the enclosing transaction's commit renews the token, last
    if session.new or session.dirty or session.deleted:
        session.flush()  # the token is the transaction's last write (see the module's docstring)
    if session.info.pop(_WROTE, False):
        renew(session.connection())


@event.listens_for(Session, "after_soft_rollback")
def _forget_rolled_back_writes(session: Session, previous_transaction) -> None:
    if previous_transaction.parent is None:  # the whole transaction, not a savepoint
        session.info.pop(_WROTE, None)
