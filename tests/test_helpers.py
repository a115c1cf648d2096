from __future__ import annotations

from datetime import date

import pytest

from registry.dates import quarter_bounds, quarter_of
from registry.text import fold, like_pattern


def test_fold_ignores_accents_case_and_spacing():
    assert fold("  Santa Cruz   XOXOCOTLÁN ") == "santa cruz xoxocotlan"
    assert fold("Ánimas Trujano") == fold("animas trujano")


def test_like_pattern_escapes_wildcards():
    assert like_pattern("100%_x") == "%100\\%\\_x%"


@pytest.mark.parametrize(
    ("day", "quarter"),
    [
        (date(2025, 3, 31), 1),
        (date(2025, 4, 1), 2),
        (date(2025, 6, 30), 2),
        (date(2025, 7, 1), 3),
        (date(2025, 12, 31), 4),
    ],
)
def test_quarter_of(day, quarter):
    assert quarter_of(day) == quarter


def test_quarter_bounds():
    assert quarter_bounds(2025, 2) == (date(2025, 4, 1), date(2025, 6, 30))
    assert quarter_bounds(2024, 1) == (date(2024, 1, 1), date(2024, 3, 31))
    assert quarter_bounds(2025, 4) == (date(2025, 10, 1), date(2025, 12, 31))
