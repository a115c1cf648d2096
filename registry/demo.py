"""The demo instance: only facts the Q2 2025 reports document (see docs/demo-data.md).

Each domain contributes a loader, run below in dependency order (parties before the agreements
that name them). A loader creates what is missing, keyed by natural keys such as folios, and
returns one summary line; running ``demo load`` twice changes nothing.
"""

from __future__ import annotations

from registry.agreements import demo as agreements
from registry.areas import demo as areas
from registry.indicators import demo as indicators
from registry.meetings import demo as meetings
from registry.parties import demo as parties
from registry.settings import demo as settings


def load_demo() -> list[str]:
    """Run every loader in one transaction (the caller commits); their summary lines."""
    return [
        parties.load(),
        areas.load(),
        indicators.load(),
        agreements.load(),
        meetings.load(),
        settings.load(),
    ]
