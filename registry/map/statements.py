"""The SQL behind ``map.queries``: narrow rows counted and ranked by the database.

Builders of SQLAlchemy statements only (no execution). ``filters`` is a ``queries.MapFilters``.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from sqlalchemy import Select, and_, case, distinct, exists, func, or_, select, type_coerce
from sqlalchemy.orm import aliased

from registry.agreements.models import Agreement, AgreementParty, StatusChange, agreement_topics
from registry.agreements.status import ENDS, FORMALIZED, Status
from registry.meetings.models import Meeting, meeting_parties
from registry.meetings.queries import held, in_period_condition
from registry.parties.models import Party

if TYPE_CHECKING:
    from registry.map.queries import MapFilters


def shown_agreements(filters: MapFilters) -> Select:
    """(agreement, drawable party, status shown) rows the filters keep: narrow, so that ranking
    thousands stays cheap; the details are joined for the few listed."""
    query = (
        select(Agreement.id.label("agreement_id"), AgreementParty.party_id, Agreement.folio)
        .join(AgreementParty, AgreementParty.agreement_id == Agreement.id)
        .join(Party, Party.id == AgreementParty.party_id)
        .where(Agreement.deleted_at.is_(None), _drawable(), *_agreement_conditions(filters))
    )
    status = Agreement.status
    end = None
    if (period := filters.period) is not None:
        history = _under_way(*period)
        query = query.join(history, history.c.agreement_id == Agreement.id)
        status, end = history.c.status, period[1]
    status = party_status(status, end)
    if filters.status:
        query = query.where(status == filters.status)
    return query.add_columns(status.label("status"))


def party_status(agreement_status, end: date | None):
    """Each party's own status (``agreements.status.party_status`` in SQL, for the row's
    ``AgreementParty``): ``cancelado`` once it withdrew; ``negociacion`` while it has not signed
    a formalized agreement others did sign; the agreement's status otherwise. ``end``: acts
    dated after it are not yet known (a period's last day)."""
    other = aliased(AgreementParty)

    def known(column):  # never NULL, so that its negation is true for a missing date
        return column.is_not(None) if end is None else and_(column.is_not(None), column <= end)

    signed = or_(known(AgreementParty.signed_on), known(AgreementParty.ratified_on))
    someone_signed = exists().where(
        other.agreement_id == AgreementParty.agreement_id,
        or_(known(other.signed_on), known(other.ratified_on)),
    )
    chosen = case(
        (known(AgreementParty.withdrawn_on), Status.CANCELADO.value),
        (
            and_(agreement_status.in_([s.value for s in FORMALIZED]), someone_signed, ~signed),
            Status.NEGOCIACION.value,
        ),
        else_=agreement_status,
    )
    return type_coerce(chosen, Agreement.status.type)  # read back as ``Status``


def status_at(day: date):
    """An agreement's status at the end of ``day``, as ``reports.queries.status_on``: its last
    move dated on or before it (a scalar subquery correlated to ``Agreement``)."""
    return (
        select(StatusChange.to_status)
        .where(StatusChange.agreement_id == Agreement.id, StatusChange.acted_on <= day)
        .order_by(StatusChange.acted_on.desc(), StatusChange.recorded_at.desc())
        .order_by(StatusChange.id.desc())
        .limit(1)
        .correlate(Agreement)
        .scalar_subquery()
    )


def _under_way(start: date, end: date):
    """Agreements under way in [start, end] with their status on ``end`` (agreement_id, status),
    each history read once (a materialized CTE)."""
    moved = exists().where(
        StatusChange.agreement_id == Agreement.id, StatusChange.acted_on.between(start, end)
    )
    histories = (
        select(
            Agreement.id.label("agreement_id"),
            status_at(end).label("status"),
            status_at(start - timedelta(days=1)).label("entering"),
            moved.label("moved"),
        )
        .where(Agreement.deleted_at.is_(None))
        .cte("histories")
        .prefix_with("MATERIALIZED")
    )
    started_and_not_ended = or_(
        histories.c.entering.is_(None), histories.c.entering.not_in(ENDS), histories.c.moved
    )
    return (
        select(histories.c.agreement_id, histories.c.status)
        .where(histories.c.status.is_not(None), started_and_not_ended)
        .subquery()
    )


def shown_meetings(period: tuple[date, date] | None) -> Select:
    """(meeting, drawable party) rows: held meetings whose first date is in ``period`` (if any;
    ``meetings.queries.in_period_condition``): programada and cancelada ones are no relationship
    yet."""
    query = (
        select(Meeting.id.label("meeting_id"), meeting_parties.c.party_id, Meeting.first_date)
        .join(meeting_parties, meeting_parties.c.meeting_id == Meeting.id)
        .join(Party, Party.id == meeting_parties.c.party_id)
        .where(Meeting.deleted_at.is_(None), held(), _drawable())
    )
    if period:
        query = query.where(in_period_condition(*period))
    return query


def listed_agreements(filters: MapFilters, order: tuple[Status, ...], limit: int) -> Select:
    """Each party's first ``limit`` agreements (by ``order`` of status, then by folio) with
    their details, the party's ``total`` and the ``distinct_total`` over all parties."""
    rows = shown_agreements(filters).cte("shown_agreements")
    rank = case({status.value: rank for rank, status in enumerate(order)}, value=rows.c.status)
    ranked, distinct_total = _ranked(rows, rows.c.agreement_id, (rank, rows.c.folio))
    details = (
        Agreement.id.label("agreement_id"),
        Agreement.folio,
        Agreement.title,
        Agreement.kind.label("agreement_kind"),
    )
    return (
        select(ranked.c.total, distinct_total, ranked.c.status, *details, *_party_columns())
        .join(Agreement, Agreement.id == ranked.c.agreement_id)
        .join(Party, Party.id == ranked.c.party_id)
        .where(ranked.c.position <= limit)
        .order_by(ranked.c.party_id, ranked.c.position)
    )


def listed_meetings(period: tuple[date, date] | None, limit: int) -> Select:
    """Each party's latest ``limit`` meetings with their details and counts (as above)."""
    rows = shown_meetings(period).cte("shown_meetings")
    order = (rows.c.first_date.desc(), rows.c.meeting_id.desc())
    ranked, distinct_total = _ranked(rows, rows.c.meeting_id, order)
    details = (
        Meeting.id.label("meeting_id"),
        Meeting.folio,
        Meeting.title,
        Meeting.kind.label("meeting_kind"),
        Meeting.first_date,
    )
    return (
        select(ranked.c.total, distinct_total, *details, *_party_columns())
        .join(Meeting, Meeting.id == ranked.c.meeting_id)
        .join(Party, Party.id == ranked.c.party_id)
        .where(ranked.c.position <= limit)
        .order_by(ranked.c.party_id, ranked.c.position)
    )


def _ranked(rows, key, order):
    """``rows`` (a CTE with ``party_id``) numbered within each party by ``order``, with the
    party's ``total``; and the number of distinct ``key`` over all parties."""
    window = {"partition_by": rows.c.party_id, "order_by": order}
    ranked = select(
        *(column for column in rows.c if column.name in (key.name, "party_id", "status")),
        func.row_number().over(**window).label("position"),
        func.count().over(**window, rows=(None, None)).label("total"),
    ).subquery()
    distinct_total = select(func.count(distinct(key))).scalar_subquery().label("distinct_total")
    return ranked, distinct_total


def _party_columns():
    return (
        Party.id.label("party_id"),
        Party.name,
        Party.kind.label("party_kind"),
        Party.cvegeo,
        Party.state,
        Party.country,
        Party.zmo_column().label("is_zmo"),
        Party.latitude,
        Party.longitude,
    )


def _drawable():
    """Parties the map can draw: ZMO members or parties with a point; never "us"."""
    has_point = and_(Party.latitude.is_not(None), Party.longitude.is_not(None))
    return and_(Party.is_self.is_(False), or_(Party.zmo_column().is_(True), has_point))


def _agreement_conditions(filters: MapFilters) -> list:
    conditions = []
    if filters.kind:
        conditions.append(Agreement.kind == filters.kind)
    if filters.topic_id:
        conditions.append(
            exists().where(
                agreement_topics.c.agreement_id == Agreement.id,
                agreement_topics.c.topic_id == filters.topic_id,
            )
        )
    return conditions
