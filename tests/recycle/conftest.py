"""Records to move to the recycle bin: an agreement with a document, a meeting linked to it
with a commitment and a piece of evidence, all made through the domain services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import pytest

from registry.agreements.models import Agreement
from registry.commitments import services as commitments
from registry.commitments.models import Commitment
from registry.dates import today_local
from registry.documents.models import Document, DocumentKind
from registry.extensions import db
from registry.meetings import services as meetings
from registry.meetings.models import Evidence, Meeting, MeetingKind
from registry.meetings.services import MeetingData, create_meeting
from tests.factories import (
    COZUMEL,
    SAN_JACINTO_AMILPAS,
    make_agreement,
    make_document,
    municipality,
)

#: The demo's facts: Cozumel ratified in Q2 2025, a joint inspection with San Jacinto Amilpas.
AGREEMENT_TITLE = "Hermanamiento Oaxaca de Juárez – Cozumel"
MEETING_TITLE = "Recorrido conjunto con San Jacinto Amilpas"
COMMITMENT_TEXT = "Entregar el levantamiento del predio"


@dataclass
class Records:
    agreement: Agreement
    document: Document
    meeting: Meeting
    commitment: Commitment
    evidence: Evidence

    def url(self, name: str) -> str:
        """The "Mover a la papelera" page of each record."""
        return {
            "agreement": f"/instrumentos/{self.agreement.id}/eliminar",
            "document": f"/instrumentos/{self.agreement.id}/documentos/{self.document.id}/eliminar",
            "meeting": f"/reuniones/{self.meeting.id}/eliminar",
            "evidence": f"/reuniones/evidencia/{self.evidence.id}/quitar",
        }[name]


@pytest.fixture
def records(app) -> Records:
    agreement = make_agreement(
        title=AGREEMENT_TITLE,
        kind="hermanamiento",
        parties=[municipality(COZUMEL)],
        status="ratificado",
        acted_on=date(2025, 6, 30),
    )
    document = make_document(
        agreement, DocumentKind.ACUERDO_RATIFICACION, number="Acuerdo de Ratificación"
    )
    meeting = create_meeting(
        MeetingData(
            kind=MeetingKind.RECORRIDO,
            title=MEETING_TITLE,
            dates=[date(2025, 5, 15), date(2025, 5, 22)],
            parties=[municipality(SAN_JACINTO_AMILPAS)],
            agreements=[agreement],
        )
    )
    commitment = commitments.add_commitment(
        meeting, COMMITMENT_TEXT, municipality(SAN_JACINTO_AMILPAS), due_on=date(2025, 6, 1)
    )
    item = meetings.add_link_evidence(meeting, "https://www.facebook.com/MunicipioOaxaca/posts/1")
    db.session.commit()
    return Records(agreement, document, meeting, commitment, item)


@pytest.fixture
def upcoming_meeting(app) -> Meeting:
    """A meeting next week, for the dashboard's "Próximas reuniones"."""
    meeting = create_meeting(
        MeetingData(
            kind=MeetingKind.REUNION_TRABAJO,
            title="Mesa de trabajo próxima",
            dates=[today_local() + timedelta(days=7)],
            parties=[municipality(SAN_JACINTO_AMILPAS)],
        )
    )
    db.session.commit()
    return meeting
