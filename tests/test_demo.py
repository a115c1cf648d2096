"""``flask demo load``: only the seed's facts, and loading twice changes nothing."""

from __future__ import annotations

from registry.indicators.models import Indicator
from registry.parties.models import Party
from tests.conftest import row_count


def test_demo_load_is_idempotent(runner):
    first = runner.invoke(args=["demo", "load"])
    assert first.exit_code == 0, first.output
    counts = {model: row_count(model) for model in (Party, Indicator)}
    second = runner.invoke(args=["demo", "load"])
    assert second.exit_code == 0, second.output
    assert {model: row_count(model) for model in (Party, Indicator)} == counts


def test_demo_indicators_are_the_seeds(runner):
    runner.invoke(args=["demo", "load"])
    from registry.extensions import db

    indicators = db.session.scalars(db.select(Indicator).order_by(Indicator.code)).all()
    assert [(i.code, i.goal_for(2025)) for i in indicators] == [
        ("12", 20),
        ("12.1", 20),
        ("12.2", 20),
    ]
    assert indicators[1].name == "Porcentaje de eventos metropolitanos realizados"
