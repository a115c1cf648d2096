"""The MIR indicator pages: admins define indicators, their rules and annual goals."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.extensions import db
from registry.indicators import demo as indicators_demo
from registry.indicators.models import Indicator, IndicatorGoal
from registry.meetings.models import MeetingKind
from registry.meetings.services import MeetingData, create_meeting
from registry.reports.queries import quarterly_report
from tests.conftest import row_count
from tests.factories import make_party
from tests.forms import page_forms, submit_form

#: The edit page's forms: logout (navigation), the indicator, each goal's remove, the new goal.
INDICATOR_FORM = 1


def text(response) -> str:
    return response.get_data(as_text=True)


@pytest.fixture
def seed_indicators(app):
    indicators_demo.load()
    db.session.commit()
    return {i.code: i for i in db.session.scalars(sa.select(Indicator))}


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


def test_admin_creates_an_indicator_with_the_real_form(admin_client):
    response = submit_form(
        admin_client,
        "/admin/indicadores/nuevo",
        {
            "code": "12.3",
            "name": "Porcentaje de alianzas metropolitanas formalizadas",
            "program": "08 - Gobierno Innovador y Tecnológico",
            "level": "Actividad 12.3",
            "source": "agreements",
            "agreement_kinds": "alianza",
            "agreement_statuses": "firmado",
        },
    )
    assert response.status_code == 302
    indicator = db.session.scalars(sa.select(Indicator)).one()
    assert (indicator.code, indicator.agreement_kinds, indicator.agreement_statuses) == (
        "12.3",
        ["alianza"],
        ["firmado"],
    )
    assert indicator.meeting_kinds == [] and indicator.active
    assert events("create")[0].entity == "indicator"
    page = text(admin_client.get("/admin/indicadores/"))
    assert (
        "12.3" in page
        and "Cuenta los instrumentos (alianza) que llegan por primera vez a "
        "Firmado con fecha del acto en el periodo"
        in page
    )


@pytest.mark.parametrize(
    ("values", "field", "message"),
    [
        ({"code": "12"}, "code", "Ya existe el indicador 12."),
        (
            {"code": "12.9", "meeting_kinds": "recorrido"},
            "meeting_kinds",
            "Recorrido ya se asigna por omisión al indicador 12.2",
        ),
        ({"code": "", "name": ""}, "code", "Este campo es obligatorio."),
    ],
)
def test_bad_indicators_are_refused_next_to_the_field(
    admin_client, seed_indicators, values, field, message
):
    before = row_count(Indicator)
    response = submit_form(
        admin_client,
        "/admin/indicadores/nuevo",
        {"name": "Indicador nuevo", "source": "meetings", **values},
    )
    assert response.status_code == 200
    page = text(response)
    assert message in page and f'id="{field}-error"' in page
    assert row_count(Indicator) == before


def test_admin_edits_an_indicator_and_the_change_is_audited(admin_client, seed_indicators):
    indicator = seed_indicators["12.1"]
    url = f"/admin/indicadores/{indicator.id}"
    response = submit_form(
        admin_client,
        url,
        {"name": "Porcentaje de eventos realizados", "meeting_kinds": "mesa_seguridad"},
        INDICATOR_FORM,
    )
    assert response.status_code == 302
    saved = db.session.get(Indicator, indicator.id)
    assert saved.name == "Porcentaje de eventos realizados"
    assert saved.meeting_kinds == ["mesa_seguridad"]
    (event,) = events("update")
    assert event.before["meeting_kinds"] == ["mesa_seguridad", "mando_coordinado"]
    assert event.after["meeting_kinds"] == ["mesa_seguridad"]


def test_goals_are_set_replaced_and_removed(admin_client, seed_indicators):
    indicator = seed_indicators["12"]
    url = f"/admin/indicadores/{indicator.id}"
    assert submit_form(admin_client, url, {"year": "2026", "annual_goal": "24"}).status_code == 302
    assert submit_form(admin_client, url, {"year": "2025", "annual_goal": "16"}).status_code == 302
    goals = db.session.scalars(
        sa.select(IndicatorGoal)
        .where(IndicatorGoal.indicator_id == indicator.id)
        .order_by(IndicatorGoal.year)
    )
    assert [(g.year, g.annual_goal) for g in goals] == [(2025, 16), (2026, 24)]
    assert [(e.before, e.after) for e in events("goal_set")] == [
        ({"year": 2026, "goal": None}, {"year": 2026, "goal": 24}),
        ({"year": 2025, "goal": 20}, {"year": 2025, "goal": 16}),
    ]
    removed = admin_client.post(f"{url}/metas/2026/eliminar")
    assert removed.status_code == 302
    assert db.session.get(Indicator, indicator.id).goal_for(2026) is None
    assert events("goal_remove")[0].before == {"year": 2026, "goal": 24}
    assert admin_client.post(f"{url}/metas/2030/eliminar").status_code == 404


@pytest.mark.parametrize("goal", ["0", "-3", "veinte", ""])
def test_a_goal_must_be_a_positive_integer(admin_client, seed_indicators, goal):
    indicator = seed_indicators["12"]
    response = submit_form(
        admin_client, f"/admin/indicadores/{indicator.id}", {"year": "2026", "annual_goal": goal}
    )
    assert response.status_code == 200
    assert 'id="annual_goal-error"' in text(response)
    assert db.session.get(Indicator, indicator.id).goal_for(2026) is None
    assert events("goal_set") == []


def test_a_meetings_indicator_with_meetings_cannot_start_counting_agreements(
    admin_client, seed_indicators
):
    indicator = seed_indicators["12.2"]
    create_meeting(
        MeetingData(
            kind=MeetingKind.RECORRIDO,
            title="Recorrido",
            dates=[date(2025, 5, 15)],
            indicator=indicator,
        )
    )
    db.session.commit()
    response = submit_form(
        admin_client, f"/admin/indicadores/{indicator.id}", {"source": "agreements"}, INDICATOR_FORM
    )
    assert "1 reuniones cuentan para este indicador" in text(response)
    assert db.session.get(Indicator, indicator.id).source == "meetings"


def test_the_edit_page_shows_progress_per_quarter_and_for_the_year(admin_client, seed_indicators):
    """Each quarter's row holds its own meetings (1, 2, 3 and 4 of them, on the quarters' first
    and last days too), and the year adds them up."""
    indicator = seed_indicators["12.1"]
    state = make_party("Secretaría de Seguridad del Estado")
    days = [
        date(2025, 2, 4),
        *(date(2025, 4, 1), date(2025, 6, 30)),
        *(date(2025, 7, 1), date(2025, 8, 15), date(2025, 9, 30)),
        *(date(2025, 10, 1), date(2025, 11, 11), date(2025, 12, 1), date(2025, 12, 31)),
    ]
    for day in days:
        create_meeting(
            MeetingData(kind=MeetingKind.MESA_SEGURIDAD, title="Mesa", dates=[day], parties=[state])
        )
    db.session.commit()
    page = text(admin_client.get(f"/admin/indicadores/{indicator.id}?anio=2025"))
    progress = page[page.index('id="avance"') :]
    for quarter, count, percent in [(1, 1, "5.0"), (2, 2, "10.0"), (3, 3, "15.0"), (4, 4, "20.0")]:
        row = (
            f'{quarter}.º trimestre de 2025</td><td class="text-end">{count}</td>'
            f'<td class="text-end">{percent} %'
        )
        assert row in progress, row
    assert (
        'Acumulado del año</td><td class="text-end">10</td><td class="text-end">50.0 %' in progress
    )
    assert quarterly_report(2025, 2)["indicators"][1]["percent_year"] == 15.0


def test_an_inactive_indicator_leaves_the_report(admin_client, seed_indicators):
    indicator = seed_indicators["12.2"]
    fields = page_forms(text(admin_client.get(f"/admin/indicadores/{indicator.id}")))
    data = {**fields[INDICATOR_FORM]["fields"]}
    data.pop("active")
    response = admin_client.post(f"/admin/indicadores/{indicator.id}", data=data, csrf=False)
    assert response.status_code == 302
    assert [row["code"] for row in quarterly_report(2025, 2)["indicators"]] == ["12", "12.1"]


@pytest.mark.parametrize(
    ("who", "status"), [("admin_client", 200), ("editor_client", 403), ("reader_client", 403)]
)
def test_only_admins_open_the_indicator_pages(request, seed_indicators, who, status):
    client = request.getfixturevalue(who)
    for url in (
        "/admin/indicadores/",
        f"/admin/indicadores/{seed_indicators['12'].id}",
        "/admin/indicadores/nuevo",
    ):
        assert client.get(url).status_code == status, url


def test_the_list_issues_a_bounded_number_of_queries(admin_client, seed_indicators, count_queries):
    with count_queries() as few:
        admin_client.get("/admin/indicadores/")
    for number in range(10):
        db.session.add(
            Indicator(
                code=f"X{number}",
                name="Otro",
                source="meetings",
                goals=[IndicatorGoal(year=2025, annual_goal=5)],
            )
        )
    db.session.commit()
    with count_queries() as many:
        page = text(admin_client.get("/admin/indicadores/"))
    assert "X9" in page and many.count == few.count
