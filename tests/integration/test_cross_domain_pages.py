"""A meeting linked to an agreement shows on the agreement's timeline and on the party pages."""

from __future__ import annotations

from datetime import date

from registry.extensions import db
from registry.meetings.services import MeetingData, create_meeting
from tests.factories import COZUMEL, make_agreement, municipality


def test_a_linked_meeting_shows_on_the_agreement_timeline_and_the_party_page(reader_client):
    cozumel = municipality(COZUMEL)
    agreement = make_agreement(
        title="Hermanamiento Oaxaca de Juárez – Cozumel",
        parties=[cozumel],
        status="ratificado",
        acted_on=date(2025, 6, 30),
    )
    meeting = create_meeting(
        MeetingData(
            kind="reunion_trabajo",
            title="Seguimiento del hermanamiento con Cozumel",
            dates=[date(2025, 7, 14), date(2025, 7, 15)],
            parties=[cozumel],
            agreements=[agreement],
        )
    )
    db.session.commit()

    timeline = reader_client.get(f"/instrumentos/{agreement.id}").get_data(as_text=True)
    assert "Seguimiento del hermanamiento con Cozumel" in timeline
    assert f'href="/reuniones/{meeting.id}"' in timeline
    assert "14 de julio de 2025" in timeline

    party_page = reader_client.get(f"/contrapartes/{cozumel.id}").get_data(as_text=True)
    assert "Seguimiento del hermanamiento con Cozumel" in party_page
    assert "Hermanamiento Oaxaca de Juárez – Cozumel" in party_page
