"""The Q2 2025 report on the demo data gives the seed's figures, in every form it takes.

The Q2 2025 reports (docs/demo-data.md) give by hand: the Cozumel hermanamiento
formalized (Ensenada and Los Cabos only in progress), twelve meetings, the ZMO municipalities
Santa Lucía del Camino, San Jacinto Amilpas and Santa Cruz Xoxocotlán, and indicators 12, 12.1
and 12.2 at 20 % each.
"""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import docx
import openpyxl
import pytest

from registry.demo import load_demo
from registry.extensions import db
from registry.filters import fecha

Q2 = "anio=2025&trimestre=2"
ZMO_ENGAGED = [
    {"cvegeo": "20157", "name": "San Jacinto Amilpas"},
    {"cvegeo": "20385", "name": "Santa Cruz Xoxocotlán"},
    {"cvegeo": "20390", "name": "Santa Lucía del Camino"},
]
INDICATOR_CODES = ["12", "12.1", "12.2"]
#: The meetings each indicator counts, as the Unidad's report lists them (docs/demo-data.md).
COUNTED = {
    "12": ["REU-2025-001", "REU-2025-004", "REU-2025-009", "REU-2025-012"],
    "12.1": ["REU-2025-003", "REU-2025-007", "REU-2025-010", "REU-2025-011"],
    "12.2": ["REU-2025-002", "REU-2025-005", "REU-2025-006", "REU-2025-008"],
}


@pytest.fixture
def demo(app):
    load_demo()
    db.session.commit()


@pytest.fixture
def report(demo, reader_client) -> dict:
    response = reader_client.get(f"/informes/trimestral.json?{Q2}")
    assert response.status_code == 200
    return json.loads(response.data)


def test_the_json_gives_the_seed_figures(report):
    assert [(a["folio"], a["title"], a["status"]) for a in report["formalized"]] == [
        ("HER-2025-001", "Hermanamiento Oaxaca de Juárez – Cozumel", "ratificado")
    ]
    # the report dates Cozumel's ratification only to the quarter
    assert report["formalized"][0]["formalized_on"] == "2025-04-01"
    assert report["formalized"][0]["formalized_on_precision"] == "quarter"
    assert [a["title"] for a in report["in_progress"]] == [
        "Hermanamiento Oaxaca de Juárez – Ensenada",
        "Hermanamiento Oaxaca de Juárez – Los Cabos",
    ]
    assert len(report["meetings"]) == 12
    assert report["meetings_by_kind"] == {
        "reunion_trabajo": 7,
        "mesa_seguridad": 3,
        "mando_coordinado": 1,
        "recorrido": 1,
        "otro": 0,
    }
    assert report["zmo_municipalities_engaged"] == ZMO_ENGAGED
    assert [(i["code"], i["achieved"], i["goal"], i["percent"]) for i in report["indicators"]] == [
        (code, 4, 20, 20.0) for code in INDICATOR_CODES
    ]
    assert {i["code"]: [c["folio"] for c in i["counted"]] for i in report["indicators"]} == COUNTED
    assert all(i["left_out"] == [] for i in report["indicators"])


def test_the_page_shows_the_seed_figures(demo, reader_client):
    page = reader_client.get(f"/informes/?{Q2}").get_data(as_text=True)
    formalized = page[page.index('id="formalizados"') : page.index('id="en-proceso"')]
    assert "Cozumel" in formalized and "Ensenada" not in formalized
    in_progress = page[page.index('id="en-proceso"') : page.index('id="reuniones"')]
    assert "Ensenada" in in_progress and "Los Cabos" in in_progress
    assert '<span class="badge text-bg-secondary">12</span>' in page
    for municipality in ZMO_ENGAGED:
        assert f"{municipality['name']} <span" in page
    assert page.count("20.0 %") >= 3
    for fmt in ("json", "csv", "xlsx", "docx"):
        assert f"/informes/trimestral.{fmt}?anio=2025&amp;trimestre=2" in page
    assert "/informes/transparencia.xlsx?anio=2025&amp;trimestre=2" in page


def sheet_rows(workbook, title: str) -> list[tuple]:
    rows = list(workbook[title].iter_rows(values_only=True))
    return [row for row in rows[1:] if any(value is not None for value in row)]


def test_the_xlsx_holds_the_same_rows_as_the_json(report, reader_client):
    response = reader_client.get(f"/informes/trimestral.xlsx?{Q2}")
    assert (
        response.status_code == 200
        and "informe-trimestral-2025-T2.xlsx" in (response.headers["Content-Disposition"])
    )
    workbook = openpyxl.load_workbook(io.BytesIO(response.data))
    assert workbook.sheetnames == [
        "Resumen",
        "Indicadores",
        "Formalizados",
        "En proceso",
        "Reuniones",
        "Municipios ZMO",
    ]
    assert [(r[0], r[2], r[3], r[4]) for r in sheet_rows(workbook, "Indicadores")] == [
        (i["code"], i["achieved"], i["goal"], i["percent"] / 100) for i in report["indicators"]
    ]
    assert workbook["Indicadores"]["E2"].number_format == "0.0%"
    meetings = sheet_rows(workbook, "Reuniones")
    assert [row[0] for row in meetings] == [m["folio"] for m in report["meetings"]]
    for row, meeting in zip(meetings, report["meetings"], strict=True):
        others = [datetime.strptime(d, "%d/%m/%Y").date() for d in (row[4] or "").split("; ") if d]
        assert [row[3].date(), *others] == [date.fromisoformat(d) for d in meeting["dates"]]
        assert row[5] == "; ".join(p["name"] for p in meeting["parties"])
    assert workbook["Reuniones"]["D2"].is_date and workbook["Reuniones"]["D2"].number_format == (
        "dd/mm/yyyy"
    )
    formalized = sheet_rows(workbook, "Formalizados")
    assert [(r[0], r[3], r[4]) for r in formalized] == [
        ("HER-2025-001", "Ratificado", "2.º trimestre de 2025, día no indicado")
    ]
    assert [r[0] for r in sheet_rows(workbook, "En proceso")] == ["HER-2025-002", "HER-2025-003"]
    assert [{"cvegeo": r[0], "name": r[1]} for r in sheet_rows(workbook, "Municipios ZMO")] == (
        ZMO_ENGAGED
    )
    summary = dict(sheet_rows(workbook, "Resumen"))
    assert summary["Reuniones y eventos"] == 12 and summary["Instrumentos formalizados"] == 1
    assert workbook["Resumen"].freeze_panes == "A2"


def test_the_docx_has_every_meeting_indicator_and_the_signature(report, reader_client):
    response = reader_client.get(f"/informes/trimestral.docx?{Q2}")
    assert response.status_code == 200
    paragraphs = [p.text for p in docx.Document(io.BytesIO(response.data)).paragraphs]
    text = "\n".join(paragraphs)
    assert "Informe trimestral" in paragraphs
    assert text.count("Programa presupuestario: 08 - Gobierno Innovador y Tecnológico") == 3
    assert text.count("Nivel alcanzado: 20 %") == 3
    assert "Nombre del indicador: Porcentaje de vinculaciones con municipios metropolitanos" in text
    assert (
        "1. El día 8 de abril, se realizó una reunión de trabajo con la Comisión Estatal del "
        "Agua" in text
    )
    assert (
        "Los días 15 y 22 de mayo, se llevó a cabo un recorrido con el Municipio de San "
        "Jacinto Amilpas." in text
    )
    for meeting in report["meetings"]:
        days = [date.fromisoformat(d) for d in meeting["dates"]]
        last = fecha(days[-1]).removesuffix(" de 2025")  # "22 de mayo"
        matching = [
            p
            for p in paragraphs
            if last in p and all(party["name"] in p for party in meeting["parties"])
        ]
        assert matching, meeting["folio"]
    assert "Cozumel" in text and "en intención desde el 29 de abril de 2025" in text
    assert (
        "En el 2.º trimestre de 2025 (el documento no indica el día) se formalizó el "
        "hermanamiento «Hermanamiento Oaxaca de Juárez – Cozumel» (HER-2025-001)" in text
    )
    assert "se formalizó el 30 de junio" not in text.lower()
    signature = paragraphs[paragraphs.index("Autorizó") :]
    assert "Sara Mariana Jara Carrasco" in signature
    assert "Titular de la Unidad de Atención de Asuntos Metropolitanos" in signature


def test_the_csv_is_utf8_with_accents_and_the_same_rows(report, reader_client):
    response = reader_client.get(f"/informes/trimestral.csv?{Q2}")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith(b"\xef\xbb\xbf")  # BOM: Excel reads UTF-8
    text = response.data.decode("utf-8-sig")
    assert "Santa Lucía del Camino" in text and "Xoxocotlán" in text
    rows = list(csv.DictReader(io.StringIO(text)))
    by_section: dict[str, list[dict]] = {}
    for row in rows:
        by_section.setdefault(row["Sección"], []).append(row)
    assert [r["Clave o folio"] for r in by_section["Reuniones"]] == [
        m["folio"] for m in report["meetings"]
    ]
    assert [(r["Clave o folio"], r["Porcentaje"]) for r in by_section["Indicadores"]] == [
        (code, "20.0") for code in INDICATOR_CODES
    ]
    assert [r["Clave o folio"] for r in by_section["Instrumentos formalizados"]] == ["HER-2025-001"]
    assert len(by_section["Instrumentos en proceso"]) == 2
    assert [r["Nombre o título"] for r in by_section["Municipios ZMO vinculados"]] == [
        m["name"] for m in ZMO_ENGAGED
    ]


@pytest.mark.parametrize("fmt", ["json", "csv", "xlsx", "docx"])
def test_the_cli_writes_each_format(demo, runner, tmp_path, fmt):
    output = tmp_path / f"informe.{fmt}"
    result = runner.invoke(
        args=[
            "report",
            "quarterly",
            "--year",
            "2025",
            "--quarter",
            "2",
            "--format",
            fmt,
            "--output",
            str(output),
        ]
    )
    assert result.exit_code == 0, result.output
    data = output.read_bytes()
    if fmt == "xlsx":
        assert len(sheet_rows(openpyxl.load_workbook(io.BytesIO(data)), "Reuniones")) == 12
    elif fmt == "docx":
        assert "Sara Mariana Jara Carrasco" in [
            p.text for p in docx.Document(io.BytesIO(data)).paragraphs
        ]
    else:
        assert "Santa Lucía del Camino" in data.decode("utf-8-sig")
