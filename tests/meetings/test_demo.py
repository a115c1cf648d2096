"""The demo database holds exactly the twelve meetings of the Unidad's Q2 2025 report."""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

import pytest

from registry.commitments.models import Commitment
from registry.dates import quarter_bounds
from registry.extensions import db
from registry.meetings import queries
from registry.meetings.models import Evidence, Meeting, MeetingDate
from tests.conftest import DATA_DIR, row_count


@pytest.fixture
def demo(runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0, result.output
    assert "Reuniones del 2.º trimestre de 2025: 12 nuevas, 0 ya estaban." in result.output
    return queries.in_period(*quarter_bounds(2025, 2))


def test_q2_2025_holds_the_twelve_seed_meetings_four_per_indicator(demo):
    assert len(demo) == 12
    assert Counter(m.indicator.code for m in demo) == {"12": 4, "12.1": 4, "12.2": 4}
    assert row_count(Meeting) == 12


def test_folios_follow_the_dates(demo):
    assert [m.folio for m in demo] == [f"REU-2025-{n:03d}" for n in range(1, 13)]
    assert [m.first_date for m in demo] == sorted(m.first_date for m in demo)


EXPECTED = {
    # first date: (kind, indicator, parties by name)
    date(2025, 4, 8): (
        "reunion_trabajo",
        "12",
        {
            "Secretaría de Medio Ambiente, Biodiversidad, Energías y Sostenibilidad",
            "Instituto de Planeación para el Bienestar",
            "Comisión Estatal del Agua",
            "Sistema Operador de los Servicios de Agua Potable",
            "Secretaría de Finanzas",
        },
    ),
    date(2025, 5, 8): ("reunion_trabajo", "12.2", {"Santa Lucía del Camino"}),
    date(2025, 5, 9): (
        "mesa_seguridad",
        "12.1",
        {
            "Gobierno del Estado de Oaxaca",
            "Secretaría de Gobierno",
            "Fiscalía General del Estado de Oaxaca",
        },
    ),
    date(2025, 5, 12): (
        "reunion_trabajo",
        "12",
        {
            "Sistema Operador de los Servicios de Agua Potable",
            "Santa Lucía del Camino",
            "Santa Cruz Xoxocotlán",
        },
    ),
    date(2025, 5, 14): ("reunion_trabajo", "12.2", {"San Jacinto Amilpas"}),
    date(2025, 5, 15): ("recorrido", "12.2", {"San Jacinto Amilpas"}),
    date(2025, 5, 27): (
        "reunion_trabajo",
        "12",
        {"Santa Cruz Xoxocotlán", "Comisión de Límites del Gobierno del Estado"},
    ),
    date(2025, 5, 30): ("mesa_seguridad", "12.1", {"Gobierno del Estado de Oaxaca"}),
    date(2025, 6, 12): (
        "mando_coordinado",
        "12.1",
        {"Gobierno del Estado de Oaxaca", "Santa Lucía del Camino", "Santa Cruz Xoxocotlán"},
    ),
    date(2025, 6, 23): (
        "reunion_trabajo",
        "12",
        {"San Jacinto Amilpas", "Gobierno del Estado de Oaxaca"},
    ),
}


def test_each_meeting_as_the_seed_gives_it(demo):
    by_date: dict[date, list[Meeting]] = {}
    for meeting in demo:
        by_date.setdefault(meeting.first_date, []).append(meeting)
    for day, (kind, code, parties) in EXPECTED.items():
        (meeting,) = by_date[day]
        assert (meeting.kind.value, meeting.indicator.code) == (kind, code), day
        assert {p.name for p in meeting.parties} == parties, day
    # 23 May: a security table at the Palacio Municipal and a meeting with Santa Cruz Xoxocotlán.
    may_23 = {m.kind.value: m for m in by_date[date(2025, 5, 23)]}
    assert may_23["mesa_seguridad"].place == "Palacio Municipal"
    assert may_23["mesa_seguridad"].indicator.code == "12.1"
    assert {p.cvegeo for p in may_23["reunion_trabajo"].parties} == {"20385"}
    assert may_23["reunion_trabajo"].indicator.code == "12.2"


def test_the_joint_inspection_is_one_record_with_two_dates(demo):
    (inspection,) = [m for m in demo if m.kind.value == "recorrido"]
    assert [row.day for row in inspection.dates] == [date(2025, 5, 15), date(2025, 5, 22)]
    assert row_count(MeetingDate) == 13


def test_nothing_is_invented(demo):
    assert row_count(Commitment) == 0 and row_count(Evidence) == 0
    assert all(m.start_time is None for m in demo)
    assert [m.place for m in demo if m.place] == ["Palacio Municipal"]
    people = {p.name for m in demo for p in m.people}
    assert people == {"Ray Chagoya", "Jesús Romero López"}


def test_descriptions_use_the_reports_words(demo):
    seed = DATA_DIR / "seeds" / "informe-t2-2025-unidad-asuntos-metropolitanos.txt"
    seed = seed.read_text(encoding="utf-8")
    seed = re.sub(r"\s+", " ", re.sub(r"\[([^\]]+)\]\(#\)|\*", r"\1", seed))
    for meeting in demo:
        tail = meeting.description[-80:]
        assert tail in seed, (meeting.folio, tail)


def test_loading_twice_changes_nothing(demo, runner):
    result = runner.invoke(args=["demo", "load"])
    assert result.exit_code == 0
    assert "Reuniones del 2.º trimestre de 2025: 0 nuevas, 12 ya estaban." in result.output
    assert row_count(Meeting) == 12 and row_count(MeetingDate) == 13
    assert db.session.scalar(db.select(db.func.max(Meeting.version))) == 1
