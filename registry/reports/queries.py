"""The quarterly report: what was formalized, what moved, the meetings held, the MIR indicators.

Plain functions over the database (no Flask request), shared by the report page, its exports, the
CLI and the tests. Everything is decided by the dates of the acts (status moves, meeting dates),
never by when they were typed. Definitions (docs/counting-rules.md):

- formalized: agreements that first reached firmado or ratificado (after corrections) on a date
  in the quarter, whatever happened to them later (``agreements.queries.reached_in_period``,
  the rule the agreement indicators use too); their status is today's.
- in_progress: agreements whose status on the quarter's last day was intención or negociación
  and that had a status move dated in the quarter.
- meetings: meetings held (realizada) whose first date falls in the quarter
  (``meetings.queries.in_period``).
- zmo_municipalities_engaged: ZMO municipalities that took part in one of those meetings or are
  a party to an agreement with a status move dated in the quarter.
- indicators: ``indicators.queries.indicator_results`` (counted and left out, with reasons).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.agreements.models import Agreement, AgreementParty, StatusChange
from registry.agreements.queries import reached_in_period, signatures
from registry.agreements.status import FORMALIZED, Status
from registry.dates import DatePrecision, quarter_bounds
from registry.documents.models import DocumentKind
from registry.extensions import db
from registry.i18n import lazy_gettext as _l
from registry.indicators.models import Indicator
from registry.indicators.queries import indicator_results
from registry.meetings.models import Meeting, MeetingKind, meeting_parties
from registry.meetings.queries import awaiting_confirmation, held, in_period, in_period_condition
from registry.parties.models import Party, PartyKind

IN_PROGRESS = (Status.INTENCION, Status.NEGOCIACION)


def quarterly_report(year: int, quarter: int) -> dict:
    """The report as JSON-ready data, with the keys docs/counting-rules.md fixes."""
    start, end = quarter_bounds(year, quarter)
    meetings = meetings_held(start, end)
    return {
        "year": year,
        "quarter": quarter,
        "start": start.isoformat(),
        "end": end.isoformat(),
        "formalized": [agreement_row(a) for a in formalized_agreements(start, end)],
        "in_progress": [agreement_row(a) for a in agreements_in_progress(start, end)],
        "meetings": [meeting_row(m) for m in meetings],
        "meetings_by_kind": meetings_by_kind(meetings),
        "zmo_municipalities_engaged": [
            {"cvegeo": party.cvegeo, "name": party.name}
            for party in zmo_municipalities_engaged(start, end)
        ],
        "indicators": indicator_results(year, start, end),
    }


# Agreements ----------------------------------------------------------------------------------


def _agreements_query():
    return (
        select(Agreement)
        .where(Agreement.deleted_at.is_(None))
        .options(
            selectinload(Agreement.parties).selectinload(AgreementParty.party),
            selectinload(Agreement.documents),
        )
    )


def formalized_agreements(start: date, end: date) -> list[Agreement]:
    """Agreements formalized in [start, end]: they first reached firmado or ratificado then
    (after corrections), not in the recycle bin; by that date, then folio."""
    return [found.agreement for found in reached_in_period(FORMALIZED, start, end)]


def moved_in(start: date, end: date):
    """Ids of agreements with a status move dated in [start, end]."""
    return select(StatusChange.agreement_id).where(StatusChange.acted_on.between(start, end))


def agreements_in_progress(start: date, end: date) -> list[Agreement]:
    candidates = db.session.scalars(
        _agreements_query()
        .where(Agreement.id.in_(moved_in(start, end)))
        .options(selectinload(Agreement.status_changes))
        .order_by(Agreement.folio)
    )
    return [a for a in candidates if status_on(a, end) in IN_PROGRESS]


def status_on(agreement: Agreement, day: date) -> Status | None:
    """The agreement's status at the end of ``day``: the last move dated on or before it."""
    moves = [move for move in agreement.status_changes if move.acted_on <= day]
    if not moves:
        return None
    return max(moves, key=lambda move: (move.acted_on, move.recorded_at, move.id)).to_status


def agreement_row(agreement: Agreement) -> dict:
    """An agreement as the report gives it: its formalization date with its precision (day,
    month or quarter), each party with its own signing and withdrawal dates, and the parties
    whose signature is still missing in a formalized agreement (``pending_signature``)."""
    found = signatures(agreement)
    formalized = agreement.formalized_on
    return {
        "folio": agreement.folio,
        "kind": str(agreement.kind),
        "title": agreement.title,
        "status": str(agreement.status),
        "formalized_on": formalized.isoformat() if formalized else None,
        "formalized_on_precision": str(agreement.formalized_on_precision) if formalized else None,
        "parties": [
            party_ref(link.party)
            | {
                "signed_on": link.signed_on.isoformat() if link.signed_on else None,
                "withdrawn_on": link.withdrawn_on.isoformat() if link.withdrawn_on else None,
            }
            for link in agreement.parties
        ],
        "pending_signature": [row.party.name for row in found.unsigned] if found else [],
    }


# Meetings ------------------------------------------------------------------------------------


def meetings_held(start: date, end: date) -> list[Meeting]:
    """The quarter's held meetings (``meetings.queries.in_period``)."""
    return in_period(start, end)


def meeting_row(meeting: Meeting) -> dict:
    return {
        "folio": meeting.folio,
        "kind": str(meeting.kind),
        "title": meeting.title,
        "dates": [meeting_date.day.isoformat() for meeting_date in meeting.dates],
        "parties": [party_ref(party) for party in meeting.parties],
    }


def meetings_by_kind(meetings: list[Meeting]) -> dict[str, int]:
    """How many meetings of each kind (every kind listed, zeros included)."""
    counts = Counter(meeting.kind for meeting in meetings)
    return {kind.value: counts.get(kind, 0) for kind in MeetingKind}


# Municipalities ------------------------------------------------------------------------------


def zmo_municipalities_engaged(start: date, end: date) -> list[Party]:
    in_meetings = (
        select(meeting_parties.c.party_id)
        .join(Meeting, Meeting.id == meeting_parties.c.meeting_id)
        .where(Meeting.deleted_at.is_(None), held(), in_period_condition(start, end))
    )
    in_agreements = (
        select(AgreementParty.party_id)
        .join(Agreement, Agreement.id == AgreementParty.agreement_id)
        .where(Agreement.deleted_at.is_(None), Agreement.id.in_(moved_in(start, end)))
    )
    query = (
        select(Party)
        .where(
            Party.zmo_column().is_(True),
            Party.is_self.is_(False),
            Party.id.in_(in_meetings.union(in_agreements)),
        )
        .order_by(Party.name_key)
    )
    return list(db.session.scalars(query))


def party_ref(party: Party) -> dict:
    """How the report names a party: ``cvegeo`` is null for all but Mexican municipalities."""
    return {"name": party.name, "cvegeo": party.cvegeo}


# Review before signing ---------------------------------------------------------------------------

#: Documents that are the signed agreement (or its ratification).
SIGNED_DOCUMENTS = (DocumentKind.CONVENIO, DocumentKind.ACUERDO_RATIFICACION)


@dataclass(frozen=True)
class ReviewItem:
    """Something the unit should fix or explain before handing the quarter in, and where."""

    #: What kind of check found it (a key of ``REVIEW_CHECKS``).
    check: str
    #: The record it is about ("HER-2025-001 · Hermanamiento…"), or the indicator.
    subject: str
    #: The page that fixes it: an endpoint and its arguments (the page builds the address).
    endpoint: str
    args: dict


#: Every check of the review, in the order the page lists them: key → what it means.
REVIEW_CHECKS = {
    "no_signed_document": _l("Formalizado sin el documento firmado adjunto"),
    "no_sre_opinion": _l("Con contraparte extranjera, formalizado sin el dictamen de la SRE"),
    "not_exact": _l("Fecha de un acto que no es exacta (solo mes o trimestre)"),
    "no_responsible": _l("Sin unidad responsable"),
    "no_evidence": _l("Reunión realizada sin evidencia"),
    "to_confirm": _l("Reunión programada cuyas fechas ya pasaron: confirmar o cancelar"),
    "no_goal": _l("Indicador sin meta anual para el año"),
}


def review(year: int, quarter: int, today: date) -> list[ReviewItem]:
    """ "Revisión antes de firmar": what in the quarter's records the unit should fix or explain
    before handing the report in, each with the page that fixes it, by check then folio."""
    start, end = quarter_bounds(year, quarter)
    items: list[ReviewItem] = []
    formalized = formalized_agreements(start, end)
    moved = formalized + agreements_in_progress(start, end)
    for agreement in formalized:
        documents = [d for d in agreement.visible_documents if d.kind in SIGNED_DOCUMENTS]
        if not any(document.file_id for document in documents):
            items.append(_agreement_item("no_signed_document", agreement))
        foreign = any(row.party.kind == PartyKind.EXTRANJERA for row in agreement.parties)
        if foreign and not agreement.sre_opinion:
            items.append(_agreement_item("no_sre_opinion", agreement))
    for agreement in moved:
        acts = [c for c in agreement.status_changes if start <= c.acted_on <= end]
        if any(act.acted_on_precision != DatePrecision.DAY for act in acts):
            items.append(_agreement_item("not_exact", agreement))
        if not agreement.responsible_unit:
            items.append(_agreement_item("no_responsible", agreement))
    for meeting in meetings_held(start, end):
        if not any(item.deleted_at is None for item in meeting.evidence):
            items.append(_meeting_item("no_evidence", meeting))
    for meeting in awaiting_confirmation(today, limit=None):
        if start <= meeting.first_date <= end:
            items.append(_meeting_item("to_confirm", meeting))
    indicators = db.session.scalars(
        select(Indicator).where(Indicator.active.is_(True)).order_by(Indicator.code)
    )
    for indicator in indicators:
        if indicator.goal_for(year) is None:
            items.append(
                ReviewItem(
                    "no_goal",
                    f"{indicator.code} · {indicator.name}",
                    "indicators.edit",
                    {"indicator_id": indicator.id, "anio": year},
                )
            )
    order = list(REVIEW_CHECKS)
    return sorted(items, key=lambda item: order.index(item.check))


def _agreement_item(check: str, agreement: Agreement) -> ReviewItem:
    subject = f"{agreement.folio} · {agreement.title}"
    return ReviewItem(check, subject, "agreements.detail", {"agreement_id": agreement.id})


def _meeting_item(check: str, meeting: Meeting) -> ReviewItem:
    subject = f"{meeting.folio} · {meeting.title}"
    return ReviewItem(check, subject, "meetings.detail", {"meeting_id": meeting.id})
