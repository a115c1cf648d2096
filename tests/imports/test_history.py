"""How a recorded history reads as dated columns (pure: no database)."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from registry.imports.history import recorded_dates


def history(*moves):
    """(to_status, day of May 2025, is_correction) in recording order → a stand-in agreement."""
    return SimpleNamespace(
        status_changes=[
            SimpleNamespace(id=n, to_status=status, acted_on=date(2025, 5, day), is_correction=fix)
            for n, (status, day, fix) in enumerate(moves, start=1)
        ]
    )


@pytest.mark.parametrize(
    ("moves", "expected"),
    [
        ([("intencion", 1, False), ("firmado", 9, False)], {"intencion": 1, "firmado": 9}),
        # A signature recorded by mistake, corrected back to the letter of intent:
        (
            [("intencion", 1, False), ("firmado", 9, False), ("intencion", 12, True)],
            {"intencion": 1},
        ),
        # …then really signed later: the later date stands.
        (
            [
                ("intencion", 1, False),
                ("firmado", 9, False),
                ("intencion", 12, True),
                ("firmado", 20, False),
            ],
            {"intencion": 1, "firmado": 20},
        ),
        # Cancelled, then reopened into negotiation (never recorded before): the reopening's date.
        (
            [("intencion", 1, False), ("cancelado", 5, False), ("negociacion", 7, True)],
            {"intencion": 1, "negociacion": 7},
        ),
    ],
)
def test_recorded_dates(moves, expected):
    dates = recorded_dates(history(*moves))
    assert {status: day.day for status, day in dates.items()} == expected
