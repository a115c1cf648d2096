"""Applying checked rows through the domain services, exactly as the pages would.

Agreements go through ``agreements.services`` (create, update, and ``change_status`` for every
act the dated columns add), meetings through ``meetings.services``, their ``acuerdos`` through
``commitments.services`` and their links through ``meetings.services``. A refusal of any service
becomes an issue on the row and column it comes from, and the next row is tried, so one run
lists everything that is wrong.

History is never rewritten (see ``history.new_acts``): only acts after the current status are
appended. ``acuerdos``, ``evidencia`` and ``oficio`` only add what the record lacks:
commitments closed in the registry and documents uploaded there stay as they are.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm.attributes import set_committed_value

from registry.agreements.history import AGREEMENT_EVENT_FIELDS, agreement_state
from registry.agreements.models import Agreement
from registry.agreements.services import (
    AgreementData,
    PartyEntry,
    change_status,
    create_agreement,
    update_agreement,
)
from registry.agreements.status import MoveRefused, Status
from registry.audit import services as audit
from registry.audit.labels import field_label
from registry.commitments.services import add_commitment
from registry.documents.models import DocumentKind
from registry.documents.services import DocumentData, add_document
from registry.errors import DomainError
from registry.filters import fecha
from registry.i18n import lazy_gettext as _l
from registry.imports.agreement_rows import AgreementRow, PlannedAct
from registry.imports.history import new_acts
from registry.imports.meeting_rows import MeetingRow
from registry.imports.results import Action, ImportResult, Issue, Outcome
from registry.imports.spec import AGREEMENTS, MEETINGS
from registry.meetings.models import Meeting
from registry.meetings.services import (
    MeetingData,
    PersonData,
    add_link_evidence,
    create_meeting,
    meeting_snapshot,
    update_meeting,
)
from registry.text import fold

#: The form field a service names in a refusal → the column of the sheet it comes from.
AGREEMENT_COLUMN_OF_FIELD = {
    "folio": "folio",
    "kind": "tipo",
    "title": "titulo",
    "parties": "contrapartes",
    "valid_from": "vigencia_inicio",
    "valid_until": "vigencia_fin",
    "reason": "motivo",
    "issued_on": "oficio",
}
MEETING_COLUMN_OF_FIELD = {
    "kind": "tipo",
    "title": "titulo",
    "start_date": "fechas",
    "parties": "participantes",
    "indicator": "indicador",
    "state": "estado",
    "cancellation_reason": "motivo",
    "url": "evidencia",
    "text": "acuerdos",
}

#: How the preview names what changes in a meeting (keys of ``meeting_snapshot``).
MEETING_LABELS = {
    "folio": _l("Folio"),
    "kind": _l("Tipo"),
    "title": _l("Título"),
    "dates": _l("Fechas"),
    "place": _l("Lugar"),
    "description": _l("Descripción"),
    "parties": _l("Participantes"),
    "topics": _l("Temas"),
    "indicator": _l("Indicador"),
    "state": _l("Estado"),
    "cancellation_reason": _l("Motivo de la cancelación"),
}


class RowRefused(DomainError):
    """Problems already located by column (the row contradicts the recorded history)."""

    def __init__(self, problems: list[tuple[str, str]]):
        super().__init__(problems[0][1])
        self.problems = problems


def known_empty(record, *collections: str) -> None:
    """Tell the ORM that a record just created has none of these yet (no query to find out)."""
    for name in collections:
        if name not in record.__dict__:
            set_committed_value(record, name, [])


class Applier:
    """Applies rows for ``user`` (None: the command line), recording outcomes and issues."""

    def __init__(self, result: ImportResult, *, user, today: date):
        self.result, self.user, self.today = result, user, today

    # Agreements ----------------------------------------------------------------------------

    def agreement(self, row: AgreementRow, agreement: Agreement | None) -> None:
        pending, problems = new_acts(row, agreement) if agreement else (row.acts, [])
        try:
            if problems:
                raise RowRefused(problems)
            if agreement is None:
                changes = self._create_agreement(row)
            else:
                changes = self._update_agreement(row, agreement, pending)
        except DomainError as error:
            first_act = row.acts[0] if agreement is None else None
            for column, message in self._where(error, first_act):
                self._refused(AGREEMENTS, row.number, column, message)
            return
        self._outcome(AGREEMENTS, row, agreement is None, changes)

    def _create_agreement(self, row: AgreementRow) -> list[str]:
        first, *later = row.acts
        agreement = create_agreement(
            self._agreement_data(row, None),
            status=first.status,
            acted_on=first.on,
            user=self.user,
            today=self.today,
        )
        known_empty(agreement, "documents")
        for act in later:
            self._move(agreement, row, act)
        self._add_documents(agreement, row)
        return []

    def _update_agreement(self, row, agreement: Agreement, pending: list[PlannedAct]):
        before = agreement_state(agreement)
        update_agreement(
            agreement,
            self._agreement_data(row, agreement),
            base_version=None,
            user=self.user,
            today=self.today,
        )
        _old, new = audit.changes(before, agreement_state(agreement))
        changes = [field_label(name) for name in new if name in AGREEMENT_EVENT_FIELDS]
        for act in pending:
            self._move(agreement, row, act)
            changes.append(_("Estatus: %(s)s (%(d)s)", s=act.status.label, d=fecha(act.on)))
        changes += self._add_documents(agreement, row)
        return changes

    def _move(self, agreement: Agreement, row: AgreementRow, act: PlannedAct) -> None:
        reason = row.reason if act.status == Status.CANCELADO else None
        try:
            change_status(agreement, act.status, act.on, self.user, reason=reason, today=self.today)
        except MoveRefused as refused:
            refused.act = act
            raise

    def _agreement_data(self, row: AgreementRow, agreement: Agreement | None) -> AgreementData:
        """The sheet's fields; what the sheet has no column for is kept from the record."""
        current = {entry.party_id: entry for entry in agreement.parties} if agreement else {}
        parties = [
            PartyEntry(
                party,
                current[party.id].role,
                current[party.id].signed_on,
                current[party.id].signatory,
            )
            if party.id in current
            else PartyEntry(party)
            for party in row.parties
        ]
        return AgreementData(
            kind=row.kind,
            title=row.title,
            parties=parties,
            folio=row.folio,
            objective=row.objective,
            topics=row.topics,
            valid_from=row.valid_from,
            valid_until=row.valid_until,
            notes=row.notes,
            responsible_unit=agreement.responsible_unit if agreement else None,
            responsible_person=agreement.responsible_person if agreement else None,
        )

    def _add_documents(self, agreement: Agreement, row: AgreementRow) -> list[str]:
        """An ``oficio`` document for each number the agreement's documents do not carry yet."""
        if not row.document_numbers:
            return []
        known = {
            fold(document.number) for document in agreement.visible_documents if document.number
        }
        added = []
        for number in row.document_numbers:
            if fold(number) in known:
                continue
            known.add(fold(number))
            data = DocumentData(kind=DocumentKind.OFICIO, number=number)
            add_document(agreement, data, user=self.user, today=self.today)
            added.append(_("Documento: oficio %(n)s", n=number))
        return added

    @staticmethod
    def _where(
        error: DomainError, first_act: PlannedAct | None
    ) -> Sequence[tuple[str | None, str]]:
        """(column, reason) of each problem of a refusal, on the column it comes from."""
        if isinstance(error, RowRefused):
            return error.problems
        act = getattr(error, "act", None) or first_act
        problems = (
            error.problems if isinstance(error, MoveRefused) else [(error.field, error.message)]
        )
        located: list[tuple[str | None, str]] = []
        for field, message in problems:
            if field in ("target", "acted_on") and act is not None:
                located.append((act.column, message))
            else:
                located.append((AGREEMENT_COLUMN_OF_FIELD.get(field or ""), message))
        return located

    # Meetings ------------------------------------------------------------------------------

    def meeting(self, row: MeetingRow, meeting: Meeting | None) -> None:
        try:
            if meeting is None:
                meeting = create_meeting(self._meeting_data(row, None), self.user, row.folio)
                known_empty(meeting, "commitments", "evidence")
                changes, created = [], True
            else:
                before = meeting_snapshot(meeting)
                update_meeting(meeting, self._meeting_data(row, meeting), self.user)
                _old, new = audit.changes(before, meeting_snapshot(meeting))
                changes = [str(MEETING_LABELS[name]) for name in new if name in MEETING_LABELS]
                created = False
            changes += self._add_commitments(meeting, row) + self._add_links(meeting, row)
        except DomainError as error:
            column = MEETING_COLUMN_OF_FIELD.get(error.field or "")
            self._refused(MEETINGS, row.number, column, error.message)
            return
        self._outcome(MEETINGS, row, created, changes)

    @staticmethod
    def _meeting_data(row: MeetingRow, meeting: Meeting | None) -> MeetingData:
        """The sheet's fields; time, people and linked agreements are kept from the record."""
        people = [PersonData(p.name, p.post, p.party) for p in meeting.people] if meeting else []
        return MeetingData(
            kind=row.kind,
            title=row.title,
            dates=row.dates,
            place=row.place,
            description=row.description,
            parties=row.parties,
            topics=row.topics,
            indicator=row.indicator,
            state=row.state,
            cancellation_reason=row.cancellation_reason,
            people=people,
            start_time=meeting.start_time if meeting else None,
            agreements=list(meeting.agreements) if meeting else [],
        )

    def _add_commitments(self, meeting: Meeting, row: MeetingRow) -> list[str]:
        known = {fold(commitment.text) for commitment in meeting.commitments}
        added = []
        for text in row.commitments:
            if fold(text) not in known:
                known.add(fold(text))
                add_commitment(meeting, text, user=self.user)
                added.append(_("Acuerdo: %(t)s", t=text))
        return added

    def _add_links(self, meeting: Meeting, row: MeetingRow) -> list[str]:
        known = {e.url for e in meeting.evidence if e.url and e.deleted_at is None}
        added = []
        for url in row.links:
            if url not in known:
                known.add(url)
                add_link_evidence(meeting, url, user=self.user)
                added.append(_("Evidencia: %(u)s", u=url))
        return added

    # Both ----------------------------------------------------------------------------------

    def _refused(self, sheet: str, number: int, column: str | None, message: str) -> None:
        self.result.issues.append(Issue(sheet, number, column, message))

    def _outcome(self, sheet, row, created: bool, changes: list[str]) -> None:
        action = Action.CREATE if created else Action.UPDATE if changes else Action.UNCHANGED
        outcome = Outcome(sheet, row.number, row.folio, row.title, action, tuple(changes))
        self.result.outcomes.append(outcome)
