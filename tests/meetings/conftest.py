"""Fixtures of the meeting tests: the seed parties and indicators, meetings, agreements."""

from __future__ import annotations

from datetime import date, time

import pytest

from registry.agreements.models import AgreementKind
from registry.extensions import db
from registry.indicators import demo as indicators_demo
from registry.indicators.demo import seed_indicator
from registry.meetings.models import MeetingKind
from registry.meetings.services import MeetingData, create_meeting
from registry.parties import demo as parties_demo
from registry.parties.demo import municipality, seed_party
from tests import factories

SANTA_LUCIA, XOXOCOTLAN, SAN_JACINTO = "20390", "20385", "20157"


@pytest.fixture
def seeds(app):
    """The seed parties and the MIR indicators 12, 12.1, 12.2 (what the demo loads first)."""
    parties_demo.load()
    indicators_demo.load()
    db.session.commit()


@pytest.fixture
def party(seeds):
    """A party by seed name or CVEGEO: ``party("20390")``, ``party("Secretaría de Finanzas")``."""

    def get(key: str):
        return municipality(key) if key.isdigit() else seed_party(key)

    return get


@pytest.fixture
def indicator(seeds):
    return seed_indicator


@pytest.fixture
def make_meeting(seeds, party):
    """Create (and commit) a meeting through the service: ``make_meeting(dates=[...], ...)``."""

    def make(
        title: str = "Reunión de trabajo sobre límites",
        dates: list[date] | None = None,
        kind: MeetingKind = MeetingKind.REUNION_TRABAJO,
        parties: list[str] = (SANTA_LUCIA,),
        start_time: time | None = None,
        **fields,
    ):
        data = MeetingData(
            kind=kind,
            title=title,
            dates=dates or [date(2025, 5, 14)],
            start_time=start_time,
            parties=[party(key) for key in parties],
            **fields,
        )
        meeting = create_meeting(data)
        db.session.commit()
        return meeting

    return make


@pytest.fixture
def make_agreement(app):
    """An agreement through the agreements service: ``make_agreement("Hermanamiento – X")``."""

    def make(title: str = "Hermanamiento Oaxaca de Juárez – Ensenada", **fields):
        return factories.make_agreement(title=title, kind=AgreementKind.HERMANAMIENTO, **fields)

    return make


def form_index(html: str, action: str) -> int:
    """The position, among the page's POST forms, of the one posting to ``action``."""
    from tests.forms import page_forms

    actions = [form["action"] for form in page_forms(html)]
    return actions.index(action)
