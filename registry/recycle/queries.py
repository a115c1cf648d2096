"""The recycle bin's list: records of every kind in the bin, most recently deleted first.

One UNION over the four tables pages the bin; each kind on the page is then loaded once with
what its row shows, so the number of SQL statements does not grow with the number of rows.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import Select, String, func, literal, select, union_all
from sqlalchemy.orm import selectinload

from registry.agreements.models import Agreement, Instrument
from registry.extensions import db
from registry.meetings.models import Evidence, Meeting
from registry.recycle.kinds import KINDS, BinKind

#: What each kind's row shows besides the record: who deleted it, and what it belongs to.
LOADS = {
    Agreement: (selectinload(Agreement.deleted_by),),
    Instrument: (selectinload(Instrument.deleted_by), selectinload(Instrument.agreement)),
    Meeting: (selectinload(Meeting.deleted_by),),
    Evidence: (
        selectinload(Evidence.deleted_by),
        selectinload(Evidence.meeting),
        selectinload(Evidence.file),
    ),
}


@dataclass
class BinRow:
    kind: BinKind
    record: Any

    @property
    def text(self) -> str:
        return self.kind.describe(self.record)

    @property
    def parent_in_bin(self):
        """The agreement or meeting this record belongs to, when it is in the bin too."""
        parent = self.kind.parent(self.record)
        return parent if parent is not None and parent.deleted_at is not None else None


class RowPagination(SelectPagination):
    """``db.paginate`` for a select of plain rows (it returns only the first column)."""

    def _query_items(self) -> list[Any]:
        query = self._query_args["select"].limit(self.per_page).offset(self._query_offset)
        return list(self._query_args["session"].execute(query).all())

    def _query_count(self) -> int:
        sub = self._query_args["select"].order_by(None).subquery()
        return self._query_args["session"].scalar(select(func.count()).select_from(sub))


def in_bin(kind_key: str | None = None) -> Select:
    """(kind key, id, deleted_at) of every record in the bin (of one kind), newest first."""
    kinds = [KINDS[kind_key]] if kind_key else list(KINDS.values())
    parts = [
        select(
            literal(kind.key, String(20)).label("kind"),
            kind.model.id.label("id"),
            kind.model.deleted_at.label("deleted_at"),
        ).where(kind.model.deleted_at.is_not(None))
        for kind in kinds
    ]
    rows = (union_all(*parts) if len(parts) > 1 else parts[0]).subquery()
    return select(rows.c.kind, rows.c.id, rows.c.deleted_at).order_by(
        rows.c.deleted_at.desc(), rows.c.kind, rows.c.id.desc()
    )


def bin_page(kind_key: str | None, per_page: int) -> RowPagination:
    """One page of the bin (page number from the request)."""
    return RowPagination(select=in_bin(kind_key), session=db.session, per_page=per_page,
                         error_out=False)  # fmt: skip


def bin_rows(items) -> list[BinRow]:
    """The page's records, loaded once per kind, in the page's order."""
    ids: dict[str, list[int]] = {}
    for item in items:
        ids.setdefault(item.kind, []).append(item.id)
    loaded: dict[tuple[str, int], Any] = {}
    for key, kind_ids in ids.items():
        model = KINDS[key].model
        query = select(model).where(model.id.in_(kind_ids)).options(*LOADS[model])
        loaded.update(((key, record.id), record) for record in db.session.scalars(query))
    return [BinRow(KINDS[item.kind], loaded[(item.kind, item.id)]) for item in items]


def file_only_in_bin(file_id: int) -> bool:
    """Whether the stored file is a scan or photo of records that are all in the bin (directly
    or with their agreement or meeting): then only admins may still download it."""
    owners = [
        (Instrument.file_id, Instrument.deleted_at, Agreement.deleted_at, Instrument.agreement),
        (Evidence.file_id, Evidence.deleted_at, Meeting.deleted_at, Evidence.meeting),
    ]
    used = visible = False
    for column, own_deletion, parent_deletion, parent in owners:
        rows = db.session.execute(
            select(own_deletion, parent_deletion).join(parent).where(column == file_id)
        ).all()
        used = used or bool(rows)
        visible = visible or any(row[0] is None and row[1] is None for row in rows)
    return used and not visible
