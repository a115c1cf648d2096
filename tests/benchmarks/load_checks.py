"""The load test's records before the run (accounts, the records each official changes) and the
check after it: every change that got a success redirect is in the database, exactly once."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import sqlalchemy as sa
from werkzeug.security import generate_password_hash

from registry import create_app
from registry.agreements import services as agreements
from registry.agreements.models import Agreement, AgreementKind, StatusChange
from registry.agreements.status import Status
from registry.audit.models import AuditEvent
from registry.auth.models import Role, User
from registry.commitments.models import Commitment
from registry.dates import today_local
from registry.extensions import db
from registry.meetings.models import Meeting, MeetingKind
from registry.meetings.services import MeetingData, create_meeting
from registry.parties.models import Party
from tests.benchmarks.load_client import Account, Official
from tests.benchmarks.synthetic import MARK, fill
from tests.conftest import base_config, migrate_to_head

PASSWORD = "contraseña-de-la-prueba-de-carga"
#: The records the page mix picks details from (a sample of the synthetic ones).
LISTED = 500


@dataclass
class Plan:
    database_url: str
    instance: Path
    accounts: list[Account]
    shared_id: int
    agreement_ids: list[int]
    meeting_ids: list[int]
    #: Versions before the run, by agreement id.
    versions: dict[int, int]


def app_for(database_url: str, instance: Path):
    return create_app(base_config(database_url) | {"TESTING": False}, instance_path=instance)


def prepare(database_url, instance: Path, clients: int, synthetic: int, migrate=True) -> Plan:
    """Migrate, fill with synthetic records, and give each official an account, an agreement
    and a meeting of its own (through the services, as the pages create them)."""
    if migrate:
        migrate_to_head(database_url, instance)
    app = app_for(database_url, instance)
    with app.app_context():
        fill(synthetic, 5)
        party = db.session.scalar(sa.select(Party).where(Party.cvegeo == "20385"))
        password_hash = generate_password_hash(PASSWORD)  # the app's own method, as in use
        accounts = []
        for number in range(1, clients + 1):
            user = User(
                email=f"oficial{number:02d}@carga.local",
                full_name=f"Oficial de carga {number:02d}",
                role=Role.EDITOR,
                password_hash=password_hash,
            )
            db.session.add(user)
            db.session.flush()
            mine, meeting = _own_records(number, party, user)
            accounts.append(Account(user.email, PASSWORD, mine.id, meeting.id))
        shared = _agreement("Convenio que editan todos los oficiales de carga", party, None)
        db.session.commit()
        versions = {
            id_: version
            for id_, version in db.session.execute(sa.select(Agreement.id, Agreement.version))
        }
        plan = Plan(
            database_url,
            instance,
            accounts,
            shared.id,
            _sample(Agreement),
            _sample(Meeting),
            versions,
        )
        db.session.remove()
        db.engine.dispose()
    return plan


def _own_records(number: int, party: Party, user: User) -> tuple[Agreement, Meeting]:
    agreement = _agreement(f"Convenio del oficial de carga {number:02d}", party, user)
    meeting = create_meeting(
        MeetingData(
            kind=MeetingKind.REUNION_TRABAJO,
            parties=[party],
            title=f"Reunión del oficial de carga {number:02d}",
            dates=[today_local() - timedelta(days=30)],
        ),
        user=user,
    )
    return agreement, meeting


def _agreement(title: str, party: Party, user: User | None) -> Agreement:
    data = agreements.AgreementData(
        kind=AgreementKind.CONVENIO, title=title, parties=[agreements.PartyEntry(party)]
    )
    acted_on = today_local() - timedelta(days=60)
    return agreements.create_agreement(data, status=Status.INTENCION, acted_on=acted_on, user=user)


def _sample(model) -> list[int]:
    query = sa.select(model.id).where(model.folio.contains(MARK)).order_by(model.id)
    ids = list(db.session.scalars(query))
    return ids[:: max(len(ids) // LISTED, 1)] or list(db.session.scalars(sa.select(model.id)))


# After the run -----------------------------------------------------------------------------


def verify(plan: Plan, officials: list[Official]) -> list[str]:
    """What the database lacks or holds twice, in one line each (empty: nothing lost)."""
    app = app_for(plan.database_url, plan.instance)
    problems: list[str] = []
    with app.app_context():
        for official in officials:
            problems += _check_own(plan, official)
        problems += _check_shared(plan, officials)
        db.session.remove()
        db.engine.dispose()
    return problems


def _updates(agreement_id: int) -> list[AuditEvent]:
    query = (
        sa.select(AuditEvent)
        .where(
            AuditEvent.entity == "agreement",
            AuditEvent.entity_id == str(agreement_id),
            AuditEvent.action == "update",
        )
        .order_by(AuditEvent.id)
    )
    return list(db.session.scalars(query))


def _check_own(plan: Plan, official: Official) -> list[str]:
    tally, account, who = official.tally, official.account, official.name
    agreement = db.session.get(Agreement, account.agreement_id)
    notes = [event.after.get("notes") for event in _updates(agreement.id)]
    moves = [
        move.value
        for move in db.session.scalars(
            sa.select(StatusChange.to_status)
            .where(
                StatusChange.agreement_id == agreement.id,
                StatusChange.from_status.is_not(None),
            )
            .order_by(StatusChange.id)
        )
    ]
    texts = db.session.scalars(
        sa.select(Commitment.text)
        .where(Commitment.meeting_id == account.meeting_id)
        .order_by(Commitment.id)  # without it PostgreSQL may return them in any order
    )
    problems = _same(f"{who}: notas", tally.notes, notes, tally.unknown)
    problems += _same(f"{who}: estatus", tally.moves, moves, tally.unknown)
    problems += _same(f"{who}: acuerdos", tally.commitments, list(texts), tally.unknown)
    last_note = notes[-1] if notes else None
    if agreement.notes != last_note:
        problems.append(f"{who}: las notas guardadas son {agreement.notes!r}, no {last_note!r}")
    expected = plan.versions[agreement.id] + len(notes) + len(moves)
    if agreement.version != expected:
        problems.append(f"{who}: versión {agreement.version}, se esperaba {expected}")
    return problems


def _check_shared(plan: Plan, officials: list[Official]) -> list[str]:
    agreement = db.session.get(Agreement, plan.shared_id)
    events = _updates(agreement.id)
    saved = [text for official in officials for text in official.tally.shared_notes]
    unknown = [text for official in officials for text in official.tally.unknown]
    notes = [event.after.get("notes") for event in events]
    problems = _same("compartido: notas", saved, notes, unknown, ordered=False)
    bases = [event.before.get("version") for event in events]
    if len(set(bases)) != len(bases):
        problems.append("compartido: dos guardados partieron de la misma versión")
    if notes and agreement.notes != notes[-1]:
        problems.append(f"compartido: quedaron las notas {agreement.notes!r}, no {notes[-1]!r}")
    if agreement.version != plan.versions[agreement.id] + len(events):
        problems.append(f"compartido: versión {agreement.version} tras {len(events)} guardados")
    return problems


def _same(what: str, saved: list, found: Iterable, unknown: list, ordered=True) -> list[str]:
    """``found`` (the database) holds each of ``saved`` once, and nothing else but changes whose
    answer was lost (``unknown``); in the same order unless told otherwise."""
    found = list(found)
    problems = []
    missing = [value for value in saved if value not in found]
    if missing:
        problems.append(f"{what}: {len(missing)} guardado(s) con éxito no están: {missing[:3]}")
    extra = [value for value in found if value not in saved and value not in unknown]
    doubled = len(found) - len(set(found))
    if extra or doubled:
        problems.append(f"{what}: {len(extra)} de más, {doubled} repetido(s)")
    if ordered and not missing and [v for v in found if v in saved] != list(saved):
        problems.append(f"{what}: el orden guardado no es el de las respuestas")
    return problems
