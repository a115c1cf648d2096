"""Every change is in the audit trail: each main write path writes an event naming the record
it changed and what it did (the services are what the pages, the CLI and the importer call)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from registry.agreements import services as agreements
from registry.agreements.history import agreement_state
from registry.audit.models import AuditEvent
from registry.auth import services as accounts
from registry.auth.models import Role
from registry.commitments import services as commitments
from registry.documents import services as documents
from registry.documents.models import DocumentKind
from registry.documents.services import DocumentData
from registry.extensions import db
from registry.meetings import services as meetings
from registry.meetings.models import MeetingKind
from registry.parties import services as parties
from registry.parties.models import PartyKind
from registry.recycle.services import restore
from registry.topics import services as topics
from tests.factories import SAN_JACINTO_AMILPAS, make_agreement, make_document, municipality


@pytest.fixture
def world(app, editor):
    """One record of each kind, committed, and the editor acting on them."""
    agreement = make_agreement(title="Convenio de coordinación en materia de agua", user=editor)
    meeting = meetings.create_meeting(
        meetings.MeetingData(
            kind=MeetingKind.REUNION_TRABAJO,
            title="Gestión hídrica",
            dates=[date(2025, 5, 12)],
            parties=[municipality(SAN_JACINTO_AMILPAS)],
        ),
        user=editor,
    )
    commitment = commitments.add_commitment(meeting, "Enviar el padrón de tomas", user=editor)
    link = meetings.add_link_evidence(meeting, "https://www.facebook.com/MunicipioOaxaca/1")
    party = parties.create_party({"kind": PartyKind.ESTATAL, "name": "Comisión Estatal del Agua"})
    topic = topics.create_topic("Drenaje pluvial", user=editor)
    db.session.commit()
    return SimpleNamespace(
        editor=editor,
        agreement=agreement,
        document=make_document(agreement),
        meeting=meeting,
        commitment=commitment,
        evidence=link,
        party=party,
        topic=topic,
    )


def _agreement_data(agreement, **changes):
    state = agreement_state(agreement)
    return agreements.AgreementData(
        kind=agreement.kind,
        title=changes.get("title", state["title"]),
        parties=[agreements.PartyEntry(row.party) for row in agreement.parties],
        folio=agreement.folio,
    )


def _meeting_data(meeting, **changes):
    return meetings.MeetingData(
        kind=meeting.kind,
        title=changes.get("title", meeting.title),
        dates=[row.day for row in meeting.dates],
        parties=list(meeting.parties),
    )


def _create_agreement(w):
    return make_agreement(title="Hermanamiento – Ensenada", user=w.editor, commit=False)


def _edit_agreement(w):
    data = _agreement_data(w.agreement, title="Convenio de coordinación hídrica")
    agreements.update_agreement(w.agreement, data, base_version=None, user=w.editor)
    return w.agreement


def _move_agreement(w):
    agreements.change_status(w.agreement, "negociacion", date(2025, 5, 2), w.editor)
    return w.agreement


def _delete_agreement(w):
    agreements.delete_agreement(w.agreement, "Duplicado", user=w.editor)
    return w.agreement


def _restore_agreement(w):
    _delete_agreement(w)
    restore(w.agreement, user=w.editor)
    return w.agreement


def _add_document(w):
    data = DocumentData(kind=DocumentKind.OFICIO, number="PM/491/2025")
    return documents.add_document(w.agreement, data, user=w.editor)


def _edit_document(w):
    data = DocumentData(kind=DocumentKind.OFICIO, number="OPM/EXT/0064/2025")
    documents.update_document(w.document, data, user=w.editor)
    return w.document


def _remove_document(w):
    documents.remove_document(w.document, user=w.editor)
    return w.document


def _create_meeting(w):
    data = _meeting_data(w.meeting, title="Mesa de seguridad")
    return meetings.create_meeting(data, user=w.editor)


def _edit_meeting(w):
    data = _meeting_data(w.meeting, title="Gestión hídrica con SOAPA")
    return meetings.update_meeting(w.meeting, data, w.editor)


def _delete_meeting(w):
    meetings.delete_meeting(w.meeting, w.editor, "Capturada dos veces")
    return w.meeting


def _close(w):
    return commitments.close_commitment(w.commitment, w.editor, "Entregado")


def _cancel(w):
    return commitments.cancel_commitment(w.commitment, "Ya no aplica", w.editor)


def _reopen(w):
    _close(w)
    return commitments.reopen_commitment(w.commitment, w.editor)


def _edit_commitment(w):
    return commitments.update_commitment(w.commitment, "Enviar el padrón", user=w.editor)


def _add_commitment(w):
    return commitments.add_commitment(w.meeting, "Convocar a SOAPA", user=w.editor)


def _add_evidence(w):
    return meetings.add_link_evidence(w.meeting, "https://x.com/MunicipioOaxaca/2", user=w.editor)


def _remove_evidence(w):
    meetings.remove_evidence(w.evidence, w.editor)
    return w.evidence


def _create_party(w):
    return parties.create_party({"kind": PartyKind.ESTATAL, "name": "Secretaría de Finanzas"})


def _edit_party(w):
    values = {"kind": PartyKind.ESTATAL, "name": w.party.name, "acronym": "CEA"}
    return parties.update_party(w.party, values)


def _deactivate_party(w):
    parties.set_active(w.party, False)
    return w.party


def _create_topic(w):
    return topics.create_topic("Alumbrado público", user=w.editor)


def _rename_topic(w):
    topics.rename_topic(w.topic, "Drenaje", user=w.editor)
    return w.topic


def _create_user(w):
    return accounts.create_user(
        "lectura@oaxaca.gob.mx", "Ana Lectura", Role.READER, "una-contraseña-larga-y-rara-77"
    )


def _edit_user(w):
    accounts.set_role(w.editor, Role.READER)
    return w.editor


def _reset_password(w):
    accounts.force_password_reset(w.editor)
    return w.editor


def _feed(w):
    accounts.issue_feed_token(w.editor)
    return w.editor


PATHS = {
    "agreement create": (_create_agreement, "agreement", "create"),
    "agreement edit": (_edit_agreement, "agreement", "update"),
    "agreement status move": (_move_agreement, "agreement", "status_change"),
    "agreement to the bin": (_delete_agreement, "agreement", "delete"),
    "agreement restore": (_restore_agreement, "agreement", "restore"),
    "document add": (_add_document, "document", "create"),
    "document edit": (_edit_document, "document", "update"),
    "document to the bin": (_remove_document, "document", "delete"),
    "meeting create": (_create_meeting, "meeting", "create"),
    "meeting edit": (_edit_meeting, "meeting", "update"),
    "meeting to the bin": (_delete_meeting, "meeting", "delete"),
    "commitment add": (_add_commitment, "commitment", "create"),
    "commitment edit": (_edit_commitment, "commitment", "update"),
    "commitment close": (_close, "commitment", "close"),
    "commitment cancel": (_cancel, "commitment", "cancel"),
    "commitment reopen": (_reopen, "commitment", "reopen"),
    "evidence add": (_add_evidence, "evidence", "create"),
    "evidence to the bin": (_remove_evidence, "evidence", "delete"),
    "party create": (_create_party, "party", "create"),
    "party edit": (_edit_party, "party", "update"),
    "party deactivate": (_deactivate_party, "party", "deactivate"),
    "topic create": (_create_topic, "topics", "create"),
    "topic rename": (_rename_topic, "topics", "update"),
    "user create": (_create_user, "users", "create"),
    "user edit": (_edit_user, "users", "update"),
    "password reset": (_reset_password, "users", "password_reset"),
    "calendar feed": (_feed, "users", "calendar_feed_issued"),
}


@pytest.mark.parametrize("path", PATHS)
def test_each_write_path_is_audited(world, path):
    operation, entity, action = PATHS[path]
    last = db.session.scalar(db.select(db.func.max(AuditEvent.id)))
    record = operation(world)
    db.session.commit()
    written = db.session.scalars(db.select(AuditEvent).where(AuditEvent.id > last)).all()
    assert (entity, str(record.id), action) in {
        (event.entity, event.entity_id, event.action) for event in written
    }, [(e.entity, e.entity_id, e.action) for e in written]
    event = next(e for e in written if (e.entity, e.action) == (entity, action))
    assert event.before or event.after or action in ("password_reset", "calendar_feed_issued")


def test_a_signature_move_records_the_parties_signing_dates(world):
    signer = world.agreement.parties[0].party_id
    agreements.change_status(
        world.agreement, "firmado", date(2025, 5, 9), world.editor, signed_party_ids={signer}
    )
    db.session.commit()
    event = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "status_change"
    assert event.before["parties"] == ["San Jacinto Amilpas"]
    assert event.after["parties"] == ["San Jacinto Amilpas · firmó 2025-05-09"]


def test_a_move_that_signs_nobody_does_not_repeat_the_parties(world):
    agreements.change_status(world.agreement, "negociacion", date(2025, 5, 2), world.editor)
    db.session.commit()
    event = db.session.scalars(db.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert "parties" not in event.after
