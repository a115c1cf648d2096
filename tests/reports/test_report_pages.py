from __future__ import annotations

import json
from datetime import date

from registry.extensions import db
from registry.indicators.models import Indicator, IndicatorGoal
from registry.parties.models import PartyKind
from tests.factories import (
    COZUMEL,
    SAN_JACINTO_AMILPAS,
    make_agreement,
    make_meeting,
    make_party,
    move,
    municipality,
)
from tests.reports.test_quarterly import REPORT_KEYS


def test_report_page_shows_the_sections_in_spanish(app, reader_client):
    make_agreement(
        folio="HER-2025-001",
        kind="hermanamiento",
        status="ratificado",
        acted_on=date(2025, 6, 30),
        parties=[municipality(COZUMEL)],
    )
    make_meeting(
        [date(2025, 5, 15), date(2025, 5, 22)],
        parties=[municipality(SAN_JACINTO_AMILPAS)],
        kind="recorrido",
        folio="REU-2025-001",
    )
    page = reader_client.get("/informes/?anio=2025&trimestre=2").get_data(as_text=True)
    assert "2.º trimestre de 2025" in page
    assert "HER-2025-001" in page and "Ratificado" in page and "30 de junio de 2025" in page
    assert "15 de mayo de 2025" in page and "22 de mayo de 2025" in page and "Recorrido" in page
    assert "San Jacinto Amilpas" in page


def test_the_page_says_what_each_indicator_counted_and_left_out(app, reader_client):
    indicator = Indicator(
        code="12.2",
        name="Vinculaciones",
        source="meetings",
        meeting_kinds=["recorrido"],
        needs_zmo_municipality=True,
        goals=[IndicatorGoal(year=2025, annual_goal=20)],
    )
    db.session.add(indicator)
    db.session.commit()
    make_meeting(
        date(2025, 5, 15),
        parties=[municipality(SAN_JACINTO_AMILPAS)],
        kind="recorrido",
        folio="REU-2025-001",
    )
    make_meeting(
        date(2025, 5, 20), parties=[municipality(COZUMEL)], kind="recorrido", folio="REU-2025-002"
    )
    page = reader_client.get("/informes/?anio=2025&trimestre=2").get_data(as_text=True)
    explanation = page[page.index('id="explicacion-12.2"') :]
    explanation = explanation[: explanation.index("</details>")]
    assert "1 registro contado, 1 dejado fuera" in explanation
    assert "Cuenta</span> REU-2025-001" in explanation
    assert "REU-2025-002" in explanation and "fuera de la Zona Metropolitana" in explanation


def test_report_page_defaults_to_the_current_quarter(reader_client):
    response = reader_client.get("/informes/")
    assert response.status_code == 200
    assert "trimestre de" in response.get_data(as_text=True)


def test_bad_period_is_a_field_error_not_a_500(reader_client):
    response = reader_client.get("/informes/?anio=dosmil&trimestre=7")
    assert response.status_code == 200
    text = response.get_data(as_text=True)
    assert 'aria-invalid="true"' in text and "Instrumentos formalizados" not in text


def test_json_download_has_the_format_keys(reader_client):
    response = reader_client.get("/informes/trimestral.json?anio=2025&trimestre=2")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert set(json.loads(response.data)) == REPORT_KEYS
    assert reader_client.get("/informes/trimestral.json?anio=2025&trimestre=9").status_code == 400
    assert reader_client.get("/informes/trimestral.exe?anio=2025&trimestre=2").status_code == 404


def test_cli_writes_the_json_report(app, runner, tmp_path):
    make_meeting(date(2025, 4, 8), folio="REU-2025-001")
    output = tmp_path / "informe.json"
    result = runner.invoke(
        args=[
            "report",
            "quarterly",
            "--year",
            "2025",
            "--quarter",
            "2",
            "--format",
            "json",
            "--output",
            str(output),
        ]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(output.read_text(encoding="utf-8"))
    assert [m["folio"] for m in report["meetings"]] == ["REU-2025-001"]


def test_cli_refuses_a_bad_quarter_with_one_line(runner):
    result = runner.invoke(args=["report", "quarterly", "--year", "2025", "--quarter", "5"])
    assert result.exit_code == 2
    assert "5 is not in the range" in result.output or "no está en el rango" in result.output


def test_the_review_before_signing_lists_what_to_fix_with_links(app, admin_client):
    """Each check finds its record and links to the page that fixes it; what is in order
    stays off the list."""
    from registry.meetings.services import add_link_evidence

    indicator = Indicator(code="12", name="Estrategias", source="meetings")
    db.session.add(indicator)
    db.session.commit()
    foreign = make_agreement(
        folio="HER-2025-009",
        kind="hermanamiento",
        status="firmado",
        acted_on=date(2025, 5, 2),
        parties=[
            make_party("Ciudad de Zacatecoluca", kind=PartyKind.EXTRANJERA, country="El Salvador")
        ],
    )
    quarter_only = make_agreement(
        folio="CON-2025-001",
        status="negociacion",
        acted_on=date(2025, 4, 3),
        responsible_unit="Unidad de Atención de Asuntos Metropolitanos",
    )
    move(
        quarter_only,
        "firmado",
        date(2025, 6, 1),
        signed=[quarter_only.parties[0].party],
        precision="month",
    )
    bare = make_meeting(date(2025, 5, 8), folio="REU-2025-001", parties=[make_party()])
    shown = make_meeting(date(2025, 5, 9), folio="REU-2025-002", parties=[make_party()])
    add_link_evidence(shown, "https://www.facebook.com/MunicipioOaxaca/1")
    pending = make_meeting(date(2025, 6, 20), folio="REU-2025-003", state="programada")
    db.session.commit()

    page = admin_client.get("/informes/?anio=2025&trimestre=2").get_data(as_text=True)
    section = page[page.index('id="revision"') : page.index('id="indicadores"')]
    expected = [
        ("Formalizado sin el documento firmado adjunto", f"/instrumentos/{foreign.id}"),
        ("dictamen de la SRE", f"/instrumentos/{foreign.id}"),
        ("no es exacta", f"/instrumentos/{quarter_only.id}"),
        ("Sin unidad responsable", f"/instrumentos/{foreign.id}"),
        ("Reunión realizada sin evidencia", f"/reuniones/{bare.id}"),
        ("confirmar o cancelar", f"/reuniones/{pending.id}"),
        ("Indicador sin meta anual", f"/admin/indicadores/{indicator.id}?anio=2025"),
    ]
    for label, href in expected:
        assert label in section, label
        assert f'href="{href}"' in section, href
    assert f'href="/reuniones/{shown.id}"' not in section  # it has its evidence
    assert section.count(f'href="/instrumentos/{quarter_only.id}"') == 2  # no document; inexact
