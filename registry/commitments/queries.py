"""Reading commitments: the open ones (overdue first), who answers for them, how many are late.

Only commitments of meetings not in the recycle bin count.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import Select, and_, case, func, select
from sqlalchemy.orm import contains_eager, selectinload

from registry.commitments.models import Commitment, CommitmentStatus
from registry.dates import today_local
from registry.extensions import db
from registry.meetings.models import Meeting
from registry.pagination import bounded_count
from registry.parties.models import Party


def _overdue(today: date):
    return and_(
        Commitment.status == CommitmentStatus.PENDIENTE,
        Commitment.due_on.is_not(None),
        Commitment.due_on < today,
    )


def open_commitments(party_id: int | None = None, today: date | None = None) -> Select:
    """Pending commitments, overdue first, then by due date (undated last); optionally only
    those a party answers for. Rows come with their meeting and responsible party."""
    today = today or today_local()
    query = (
        select(Commitment)
        .join(Commitment.meeting)
        .where(Meeting.deleted_at.is_(None), Commitment.status == CommitmentStatus.PENDIENTE)
        .options(contains_eager(Commitment.meeting), selectinload(Commitment.responsible_party))
        .order_by(
            case((_overdue(today), 0), else_=1),
            Commitment.due_on.is_(None),
            Commitment.due_on,
            Commitment.id,
        )
    )
    if party_id:
        query = query.where(Commitment.responsible_party_id == party_id)
    return query


def open_commitment_parties() -> list[tuple[Party, int]]:
    """Parties answering for pending commitments, with how many: the list page's filter."""
    query = (
        select(Party, func.count(Commitment.id))
        .join(Commitment, Commitment.responsible_party_id == Party.id)
        .join(Commitment.meeting)
        .where(Meeting.deleted_at.is_(None), Commitment.status == CommitmentStatus.PENDIENTE)
        .group_by(Party.id)
        .order_by(Party.name_key)
    )
    return [(party, count) for party, count in db.session.execute(query)]


def overdue_count(today: date | None = None) -> tuple[int, bool]:
    """How many pending commitments are past their due date (counting at most 999), and
    whether that count is exact."""
    today = today or today_local()
    query = (
        select(Commitment.id)
        .join(Commitment.meeting)
        .where(Meeting.deleted_at.is_(None), _overdue(today))
    )
    return bounded_count(query)
