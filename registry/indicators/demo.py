"""Demo MIR indicators: the three of the Unidad's Q2 2025 report, with goal 20 for 2025.

Programa presupuestario 08 - Gobierno Innovador y Tecnológico, Componente 12 and its activities
12.1 and 12.2, as printed in the Unidad's Q2 2025 report (docs/demo-data.md). The annual goal
of 20 is the one docs/demo-data.md gives (4 meetings each in Q2 = the report's 20 %).
"""

from __future__ import annotations

from sqlalchemy import select

from registry.extensions import db
from registry.indicators.models import Indicator, IndicatorGoal, IndicatorSource

PROGRAM = "08 - Gobierno Innovador y Tecnológico"

SEED_INDICATORS = [
    (
        "12",
        "Porcentaje de estrategias de vinculación metropolitanas realizadas",
        "Componente 12",
        ["reunion_trabajo"],
    ),
    (
        "12.1",
        "Porcentaje de eventos metropolitanos realizados",
        "Actividad 12.1",
        ["mesa_seguridad", "mando_coordinado"],
    ),
    (
        "12.2",
        "Porcentaje de vinculaciones con municipios metropolitanos",
        "Actividad 12.2",
        ["recorrido"],
    ),
]
GOAL_YEAR, GOAL = 2025, 20


def seed_indicator(code: str) -> Indicator:
    indicator = db.session.scalar(select(Indicator).where(Indicator.code == code))
    if indicator is None:
        raise LookupError(f"el indicador {code} no existe")
    return indicator


def load() -> str:
    added = 0
    for code, name, level, meeting_kinds in SEED_INDICATORS:
        indicator = db.session.scalar(select(Indicator).where(Indicator.code == code))
        if indicator is None:
            indicator = Indicator(
                code=code,
                name=name,
                program=PROGRAM,
                level=level,
                source=IndicatorSource.MEETINGS,
                meeting_kinds=meeting_kinds,
                needs_outside_party=True,
                needs_zmo_municipality=code == "12.2",
            )
            db.session.add(indicator)
            added += 1
        if indicator.goal_for(GOAL_YEAR) is None:
            indicator.goals.append(IndicatorGoal(year=GOAL_YEAR, annual_goal=GOAL))
    db.session.flush()
    return f"Indicadores MIR 12, 12.1 y 12.2 (meta anual {GOAL} en {GOAL_YEAR}): {added} nuevos."
