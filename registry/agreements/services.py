"""Agreement operations shared by the pages, the CLI and the importer.

Each one checks the business rules (raising ``DomainError`` for the form field concerned),
changes the objects, writes its audit event and flushes; the caller commits once. None of them
needs a request: the acting user is an argument (None for the command line, which acts with an
administrator's rights, as whoever runs it already holds the database).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage

from registry.agreements import status as lifecycle
from registry.agreements.history import (
    agreement_state,
    describe_changes_since,
    party_line,
)
from registry.agreements.models import Agreement, AgreementKind, AgreementParty, StatusChange
from registry.agreements.queries import history_acts
from registry.agreements.search import search_text
from registry.agreements.status import Status
from registry.agreements.transparency import (
    TransparencyData,
    apply_transparency,
    check_transparency,
)
from registry.audit import services as audit
from registry.auth.models import Role, User
from registry.dates import DatePrecision, period_start, today_local
from registry.documents.models import Document
from registry.documents.services import DocumentData, add_document
from registry.errors import DomainError, EditConflict, version_checked
from registry.extensions import db
from registry.folios import folio_problem, next_folio
from registry.models_base import utcnow
from registry.parties.models import Party
from registry.recycle.services import move_to_bin
from registry.topics.models import Topic

__all__ = ["AgreementData", "EditConflict", "PartyEntry", "change_status", "create_agreement"]


@dataclass
class PartyEntry:
    """A party's place in an agreement, as a form or the importer gives it: its role and its
    own acts, each with the date someone gave, or None (nothing is filled in for it)."""

    party: Party
    role: str | None = None
    signed_on: date | None = None
    signatory: str | None = None
    ratified_on: date | None = None
    withdrawn_on: date | None = None


@dataclass
class AgreementData:
    """The editable fields of an agreement (status and documents have their own operations)."""

    kind: AgreementKind
    title: str
    parties: list[PartyEntry]
    folio: str | None = None  # empty: the next one, e.g. HER-2025-004
    objective: str | None = None
    topics: list[Topic] = field(default_factory=list)
    responsible_unit: str | None = None
    responsible_person: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    notes: str | None = None
    #: The transparency and SRE fields; None leaves them as they are (e.g. the importer's
    #: spreadsheet has no such columns, and must not wipe what the form recorded).
    transparency: TransparencyData | None = None


def actor_role(user: User | None) -> Role:
    """The role a move is checked against: the user's, or an admin's for the command line."""
    if user is None:
        return Role.ADMIN
    return user.role if user.active else Role.READER


def create_agreement(
    data: AgreementData,
    *,
    status: Status = Status.INTENCION,
    acted_on: date | None,
    user: User | None = None,
    note: str | None = None,
    first_document: tuple[DocumentData, FileStorage | None] | None = None,
    precision: DatePrecision | str = DatePrecision.DAY,
    today: date | None = None,
) -> Agreement:
    """A new agreement, its first status (dated ``acted_on``, as precise as ``precision``: the
    first day of its month or quarter is stored) in its history, and its audit.

    The parties' own acts are the ones ``data`` gives (nothing is copied from the status).
    ``first_document`` (details and an optional scan) is the document of that first act, e.g.
    the letter of intent: it is added to the agreement and cited as the move's evidence.
    """
    today = today or today_local()
    precision = DatePrecision(precision)
    acted_on = period_start(acted_on, precision) if acted_on else None
    lifecycle.check_move(None, status, role=actor_role(user), acted_on=acted_on, today=today)
    _check_data(data, None, today)
    year = acted_on.year if acted_on else today.year
    folio = _clean(data.folio) or next_folio(Agreement.folio, data.kind.folio_prefix, year)
    agreement = Agreement(status=status, status_date=acted_on, status_date_precision=precision)
    agreement.created_by_id = user.id if user else None
    _apply(agreement, data, folio.upper())
    agreement.status_changes.append(
        StatusChange(
            to_status=status,
            acted_on=acted_on,
            acted_on_precision=precision,
            note=_clean(note),
            recorded_by=user,
        )
    )
    _set_formalization(agreement)
    db.session.add(agreement)
    db.session.flush()
    audit.record("create", "agreement", agreement.id, after=agreement_state(agreement), user=user)
    if first_document is not None:
        document_data, upload = first_document
        document = add_document(agreement, document_data, upload=upload, user=user, today=today)
        agreement.status_changes[0].evidence = document
        db.session.flush()
    return agreement


def update_agreement(
    agreement: Agreement,
    data: AgreementData,
    *,
    base_version: int | None,
    user: User | None = None,
    today: date | None = None,
) -> bool:
    """Save edited fields; refuses a save based on an outdated version. True if anything changed.

    ``base_version`` is the version the form was filled from (None: no check, for the importer).
    """
    if base_version is not None and base_version != agreement.version:
        raise EditConflict(describe_changes_since(agreement, base_version))
    _check_data(data, agreement, today or today_local())
    before = agreement_state(agreement)
    _apply(agreement, data, (_clean(data.folio) or agreement.folio).upper())
    if agreement_state(agreement) == before:
        return False
    agreement.updated_at = utcnow()  # an UPDATE of the row even when only parties/topics changed
    with version_checked():
        db.session.flush()
    old, new = audit.changes(before, agreement_state(agreement))
    audit.record("update", "agreement", agreement.id, before=old, after=new, user=user)
    return True


def change_status(
    agreement: Agreement,
    target: Status | str,
    acted_on: date | None,
    user: User | None = None,
    *,
    note: str | None = None,
    reason: str | None = None,
    evidence: Document | None = None,
    new_evidence: tuple[DocumentData, FileStorage] | None = None,
    signed_party_ids: set[int] | None = None,
    precision: DatePrecision | str = DatePrecision.DAY,
    today: date | None = None,
) -> StatusChange:
    """Move an agreement along its lifecycle, as ``status.check_move`` allows, with its audit.

    Appends the move to the history, sets the current status and its date (``acted_on``, as
    precise as ``precision``), recomputes the formalization date (``status.first_reached``)
    and, for ``firmado`` or ``ratificado``, records that act's date for the parties the user
    said took part in it (``signed_party_ids``; None or empty: none, nothing is assumed).
    ``new_evidence`` (document details and an uploaded scan) adds a document and cites it; it is
    stored only once the move itself is accepted.
    """
    target = Status(target)
    precision = DatePrecision(precision)
    acted_on = period_start(acted_on, precision) if acted_on else None
    move = lifecycle.check_move(
        agreement.status,
        target,
        role=actor_role(user),
        acted_on=acted_on,
        today=today or today_local(),
        current_since=agreement.status_date,
        reason=reason,
    )
    if evidence is not None and evidence.agreement_id != agreement.id:
        raise DomainError(_("El documento de evidencia es de otro instrumento."), "evidence")
    if new_evidence is not None:
        evidence = add_document(agreement, new_evidence[0], upload=new_evidence[1], user=user)
    before = _status_fields(agreement)
    signatures = [party_line(row) for row in agreement.parties]
    change = StatusChange(
        from_status=agreement.status,
        to_status=target,
        acted_on=acted_on,
        acted_on_precision=precision,
        note=_clean(note),
        reason=_clean(reason),
        is_correction=move.is_correction,
        evidence=evidence,
        recorded_by=user,
    )
    agreement.status_changes.append(change)
    agreement.status, agreement.status_date = target, acted_on
    agreement.status_date_precision = precision
    if target in lifecycle.FORMALIZED and signed_party_ids:
        _mark_parties(agreement, target, signed_party_ids, move.acted_on, precision)
    _set_formalization(agreement)
    with version_checked():
        db.session.flush()
    after = {**_status_fields(agreement), "acted_on": acted_on, "correction": move.is_correction}
    if change.reason:
        after["reason"] = change.reason
    if (signed := [party_line(row) for row in agreement.parties]) != signatures:
        before["parties"], after["parties"] = signatures, signed  # the parties' signing dates
    audit.record("status_change", "agreement", agreement.id, before=before, after=after, user=user)
    return change


def delete_agreement(agreement: Agreement, reason: str | None, *, user: User | None = None):
    """Move an agreement to the recycle bin (a reason is required); its documents hide with it
    and the meetings linked to it stay, without the link, until an admin restores it."""
    move_to_bin(agreement, reason, user=user)


# Helpers -------------------------------------------------------------------------------------


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def _check_data(data: AgreementData, agreement: Agreement | None, today: date) -> None:
    """The business rules of the editable fields (shape is the form's job)."""
    if not (data.title or "").strip():
        raise DomainError(_("Escriba el título del instrumento."), "title")
    folio = (_clean(data.folio) or "").upper()
    changed = folio and (agreement is None or folio != agreement.folio)
    if changed and (problem := folio_problem(folio)):
        raise DomainError(problem, "folio")
    if folio:
        clash = db.session.execute(
            select(Agreement.id, Agreement.deleted_at).where(func.upper(Agreement.folio) == folio)
        ).first()
        if clash is not None and (agreement is None or clash.id != agreement.id):
            message = _("Ya existe un instrumento con el folio %(f)s.", f=folio)
            if clash.deleted_at is not None:
                message = _("El folio %(f)s es de un instrumento en la papelera.", f=folio)
            raise DomainError(message, "folio")
    _check_parties(data.parties, today)
    if data.valid_from and data.valid_until and data.valid_until < data.valid_from:
        raise DomainError(
            _("El fin de la vigencia no puede ser anterior a su inicio."), "valid_until"
        )
    if data.transparency is not None:
        check_transparency(data.transparency, [entry.party for entry in data.parties], today)


def _check_parties(entries: list[PartyEntry], today: date) -> None:
    if not entries:
        raise DomainError(_("Indique al menos una contraparte."), "parties")
    seen: set[int] = set()
    for entry in entries:
        if entry.party.is_self:
            raise DomainError(
                _("%(name)s es el propio municipio, no una contraparte.", name=entry.party.name),
                "parties",
            )
        if entry.party.id in seen:
            raise DomainError(
                _("%(name)s aparece dos veces entre las contrapartes.", name=entry.party.name),
                "parties",
            )
        seen.add(entry.party.id)
        for day in (entry.signed_on, entry.ratified_on, entry.withdrawn_on):
            if day and day > today:
                raise DomainError(
                    _("Una fecha de %(name)s es posterior a hoy.", name=entry.party.name),
                    "parties",
                )
        if entry.withdrawn_on and entry.signed_on and entry.withdrawn_on < entry.signed_on:
            raise DomainError(
                _("%(name)s no puede retirarse antes de firmar.", name=entry.party.name),
                "parties",
            )


def _apply(agreement: Agreement, data: AgreementData, folio: str) -> None:
    agreement.folio = folio
    agreement.kind = AgreementKind(data.kind)
    agreement.title = data.title.strip()
    for name in ("objective", "responsible_unit", "responsible_person", "notes"):
        setattr(agreement, name, _clean(getattr(data, name)))
    agreement.valid_from, agreement.valid_until = data.valid_from, data.valid_until
    if {t.id for t in agreement.topics} != {t.id for t in data.topics}:
        agreement.topics = sorted(data.topics, key=lambda topic: topic.name_key)
    _merge_parties(agreement, data.parties)
    if data.transparency is not None:
        apply_transparency(agreement, data.transparency)
    agreement.search_text = search_text(agreement.folio, agreement.title, agreement.objective)


def _merge_parties(agreement: Agreement, entries: list[PartyEntry]) -> None:
    """Update rows of parties kept, drop the removed, add the new (never delete-and-reinsert)."""
    current = {row.party_id: row for row in agreement.parties}
    wanted = {entry.party.id for entry in entries}
    for dropped in list(agreement.parties):
        if dropped.party_id not in wanted:
            agreement.parties.remove(dropped)
    for entry in entries:
        row = current.get(entry.party.id)
        if row is None:
            row = AgreementParty(party=entry.party)
            agreement.parties.append(row)
        row.role, row.signatory = _clean(entry.role), _clean(entry.signatory)
        for name in ("signed_on", "ratified_on", "withdrawn_on"):
            given = getattr(entry, name)
            if given != getattr(row, name):  # a date typed in a form's day field is a day
                setattr(row, name, given)
                setattr(row, f"{name}_precision", DatePrecision.DAY)


def _mark_parties(
    agreement: Agreement, target: Status, party_ids: set[int], day: date, precision: DatePrecision
) -> None:
    """The parties the user named signed (or ratified) on the move's date; a date a party
    already has is kept (it may be earlier)."""
    field = "signed_on" if target == Status.FIRMADO else "ratified_on"
    for row in agreement.parties:
        if row.party_id in party_ids and getattr(row, field) is None:
            setattr(row, field, day)
            setattr(row, f"{field}_precision", precision)


def _set_formalization(agreement: Agreement) -> None:
    """The formalization date and its precision, from the history (``status.first_reached``)."""
    act = lifecycle.first_reaching_act(history_acts(agreement), lifecycle.FORMALIZED)
    agreement.formalized_on = act.acted_on if act else None
    agreement.formalized_on_precision = DatePrecision(act.precision) if act else DatePrecision.DAY


def _status_fields(agreement: Agreement) -> dict:
    return {
        "status": agreement.status,
        "status_date": agreement.status_date,
        "status_date_precision": agreement.status_date_precision,
        "formalized_on": agreement.formalized_on,
        "version": agreement.version,
    }
