"""The meeting list (filters, pagination, bounded queries), the calendar and the detail page."""

from __future__ import annotations

from datetime import date, time

import pytest

from registry.extensions import db
from registry.meetings.models import MeetingKind
from registry.topics.models import Topic
from tests.meetings.conftest import SAN_JACINTO, SANTA_LUCIA, XOXOCOTLAN


def topic(name: str) -> Topic:
    return db.session.scalar(db.select(Topic).where(Topic.name == name))


@pytest.fixture
def three(make_meeting, indicator):
    """Three meetings differing in every filtered attribute."""
    return {
        "mesa": make_meeting(
            "Mesa de Seguridad de la Coordinación Metropolitana",
            [date(2025, 5, 23)],
            MeetingKind.MESA_SEGURIDAD,
            ["Gobierno del Estado de Oaxaca"],
            place="Palacio Municipal",
            topics=[topic("Seguridad")],
        ),
        "recorrido": make_meeting(
            "Recorridos en los límites con San Jacinto Amilpas",
            [date(2025, 5, 15), date(2025, 5, 22)],
            MeetingKind.RECORRIDO,
            [SAN_JACINTO],
            topics=[topic("Medio ambiente")],
        ),
        "agua": make_meeting(
            "Gestión hídrica de los municipios conurbados",
            [date(2025, 4, 8)],
            MeetingKind.REUNION_TRABAJO,
            ["Sistema Operador de los Servicios de Agua Potable", SANTA_LUCIA, XOXOCOTLAN],
            topics=[topic("Agua")],
        ),
    }


def listed(client, query: str = "") -> list[str]:
    response = client.get(f"/reuniones/?{query}")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    titles = ["Mesa de Seguridad", "Recorridos en los límites", "Gestión hídrica"]
    return sorted((page.index(t), t) for t in titles if t in page.split("<tbody>")[-1])


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", ["Mesa de Seguridad", "Recorridos en los límites", "Gestión hídrica"]),
        ("tipo=recorrido", ["Recorridos en los límites"]),
        ("q=LIMITES", ["Recorridos en los límites"]),  # accents and case ignored
        ("q=palacio", ["Mesa de Seguridad"]),  # the place is searched too
        ("q=REU-2025-003", ["Gestión hídrica"]),
        ("q=100%25", []),  # LIKE wildcards are literal
        ("desde=2025-05-20&hasta=2025-05-22", ["Recorridos en los límites"]),
        ("desde=2025-05-01", ["Mesa de Seguridad", "Recorridos en los límites"]),
        ("hasta=30/04/2025", ["Gestión hídrica"]),
    ],
)
def test_filters(reader_client, three, query, expected):
    assert [title for _, title in listed(reader_client, query)] == expected


def test_filter_by_party_topic_and_indicator(reader_client, three, party, indicator):
    by = {
        f"contraparte={party(SANTA_LUCIA).id}": ["Gestión hídrica"],
        f"tema={topic('Seguridad').id}": ["Mesa de Seguridad"],
        f"indicador={indicator('12.2').id}": ["Recorridos en los límites"],
        f"indicador={indicator('12.1').id}&tipo=recorrido": [],
    }
    for query, expected in by.items():
        assert [title for _, title in listed(reader_client, query)] == expected, query


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("desde=2025-02-30", "La fecha «2025-02-30» no existe en el calendario."),
        ("desde=2025-06-01&hasta=2025-05-01", "«Hasta» no puede ser anterior a «Desde»."),
        ("tipo=nada", 'id="tipo-error"'),
        ("contraparte=abc", 'id="contraparte-error"'),
    ],
)
def test_bad_filters_are_shown_and_ignored(reader_client, three, query, message):
    response = reader_client.get(f"/reuniones/?{query}")
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)


def test_empty_states(reader_client, seeds):
    assert "Aún no hay reuniones registradas." in reader_client.get("/reuniones/").get_data(
        as_text=True
    )
    page = reader_client.get("/reuniones/?q=inexistente").get_data(as_text=True)
    assert "Ninguna reunión cumple estos filtros." in page


@pytest.mark.parametrize("app_config", [{"ITEMS_PER_PAGE": 5}])
def test_the_list_paginates_with_a_bounded_number_of_statements(
    reader_client, make_meeting, count_queries
):
    def statements(query: str = "") -> int:
        with count_queries() as counter:
            assert reader_client.get(f"/reuniones/?{query}").status_code == 200
        return counter.count

    make_meeting("Reunión 0", [date(2025, 4, 1)])
    few = statements()
    for number in range(1, 12):
        make_meeting(
            f"Reunión {number}",
            [date(2025, 4, 1 + number), date(2025, 5, number)],
            parties=[SANTA_LUCIA, SAN_JACINTO],
        )
    assert statements() == few
    assert statements("tipo=reunion_trabajo&q=reunion") == few
    page = reader_client.get("/reuniones/?page=3").get_data(as_text=True)
    assert "11–12 de 12 reuniones" in page
    assert "Reunión 1<" in page and "Reunión 0<" in page


def test_the_calendar_shows_a_multi_date_meeting_on_each_date(reader_client, three):
    response = reader_client.get("/reuniones/calendario?anio=2025&mes=5")
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    table = page.split("<table", 1)[1].split("</table>", 1)[0]
    assert table.count("Recorridos en los límites") == 2
    assert "Mesa de Seguridad" in table and "Gestión hídrica" not in table
    assert "<caption" in table and '<th scope="col">Lunes</th>' in table
    cell = table.split("15 de mayo de 2025", 1)[1].split("</td>", 1)[0]
    assert "Recorridos en los límites" in cell
    assert 'href="/reuniones/calendario?anio=2025&amp;mes=4"' in page
    assert 'href="/reuniones/calendario?anio=2025&amp;mes=6"' in page
    assert "3 reuniones en el mes" in page


@pytest.mark.parametrize("query", ["anio=2025&mes=13", "anio=1900&mes=1", "mes=0"])
def test_an_impossible_month_is_404(reader_client, seeds, query):
    assert reader_client.get(f"/reuniones/calendario?{query}").status_code == 404


def test_an_empty_month(reader_client, seeds):
    page = reader_client.get("/reuniones/calendario?anio=2025&mes=1").get_data(as_text=True)
    assert "No hay reuniones registradas en enero de 2025." in page


def test_the_detail_page(reader_client, make_meeting, party):
    meeting = make_meeting(
        "Mesa de Seguridad",
        [date(2025, 5, 9)],
        MeetingKind.MESA_SEGURIDAD,
        ["Gobierno del Estado de Oaxaca", "Secretaría de Gobierno"],
        start_time=time(10, 0),
        description="Se reforzó el Mando Coordinado Metropolitano.",
    )
    page = reader_client.get(f"/reuniones/{meeting.id}").get_data(as_text=True)
    for text in (
        "REU-2025-001",
        "9 de mayo de 2025",
        "10:00",
        "Mesa de seguridad",
        "Secretaría de Gobierno",
        "Se reforzó el Mando Coordinado Metropolitano.",
        "12.1 · Porcentaje de eventos metropolitanos realizados",
        f'href="/reuniones/{meeting.id}.ics"',
    ):
        assert text in page, text
    assert reader_client.get("/reuniones/999").status_code == 404


def test_dashboard_lists_upcoming_meetings(reader_client, make_meeting):
    from registry.dates import today_local

    make_meeting("Mesa de seguridad de mañana", [date.fromordinal(today_local().toordinal() + 1)])
    page = reader_client.get("/").get_data(as_text=True)
    assert "Mesa de seguridad de mañana" in page
    assert "Ningún acuerdo vencido." in page


def test_dashboard_lists_the_meetings_logged_lately(reader_client, make_meeting):
    from registry.dates import today_local

    assert "Aún no hay reuniones registradas." in reader_client.get("/").get_data(as_text=True)
    tomorrow = date.fromordinal(today_local().toordinal() + 1)
    make_meeting("Recorrido de mañana", [tomorrow])
    for number in range(1, 7):  # logged in this order, held in the opposite one
        make_meeting(f"Reunión número {number}", [date(2025, 6, 30 - number)])
    page = reader_client.get("/").get_data(as_text=True)
    recent = page[page.index("Registradas recientemente") :]
    assert [f"Reunión número {n}" in recent for n in range(6, 0, -1)] == [True] * 5 + [False]
    assert recent.index("Reunión número 6") < recent.index("Reunión número 2")
    assert "24 de junio de 2025" in recent
    assert "Recorrido de mañana" not in recent  # listed under the next meetings instead
