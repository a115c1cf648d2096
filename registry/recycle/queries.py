"""The recycle bin's list: records of every kind in the bin, most recently deleted first.

One UNION over the four tables pages the bin; each kind on the page is then loaded once with
what its row shows, so the number of SQL statements does not grow with the number of rows.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, String, literal, select, union_all
from sqlalchemy.orm import selectinload

from registry.agreements.models import Agreement
from registry.documents.models import Document
from registry.extensions import db
from registry.meetings.models import Evidence, Meeting
from registry.pagination import BoundedPagination, paginate
from registry.recycle.kinds import KINDS, BinKind


def loads(model) -> tuple:
    """What each kind's row shows besides the record: who deleted it, and what it belongs to.

    A function, not a module constant: building loader options configures the mappers, which
    must wait until every model module is imported.
    """
    return {
        Agreement: (selectinload(Agreement.deleted_by),),
        Document: (selectinload(Document.deleted_by), selectinload(Document.agreement)),
        Meeting: (selectinload(Meeting.deleted_by),),
        Evidence: (
            selectinload(Evidence.deleted_by),
            selectinload(Evidence.meeting),
            selectinload(Evidence.file),
        ),
    }[model]


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


def bin_page(kind_key: str | None, per_page: int) -> BoundedPagination:
    """One page of the bin (page number from the request)."""
    return paginate(in_bin(kind_key), rows=True, per_page=per_page, error_out=False)


def bin_rows(items) -> list[BinRow]:
    """The page's records, loaded once per kind, in the page's order."""
    ids: dict[str, list[int]] = {}
    for item in items:
        ids.setdefault(item.kind, []).append(item.id)
    loaded: dict[tuple[str, int], Any] = {}
    for key, kind_ids in ids.items():
        model = KINDS[key].model
        query = select(model).where(model.id.in_(kind_ids)).options(*loads(model))
        records: Iterable[Any] = db.session.scalars(query)  # of the kind's model, whichever
        loaded.update(((key, record.id), record) for record in records)
    return [BinRow(KINDS[item.kind], loaded[(item.kind, item.id)]) for item in items]


def file_only_in_bin(file_id: int) -> bool:
    """Whether the stored file is a scan or photo of records that are all in the bin (directly
    or with their agreement or meeting): then only admins may still download it."""
    owners = [
        (Document.file_id, Document.deleted_at, Agreement.deleted_at, Document.agreement),
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
