"""An admin sets a goal on a phone, then downloads the Q2 2025 report in Word."""

from __future__ import annotations

import docx

from registry.demo import load_demo
from registry.extensions import db
from tests.browser.steps import hides, log_in, shows


def test_set_a_goal_and_download_the_report_on_a_phone(new_tab, admin, screenshot):
    load_demo()
    db.session.commit()
    page = new_tab(viewport={"width": 390, "height": 844}, accept_downloads=True)
    log_in(page, admin, "/admin/")
    page.get_by_role("link", name="Indicadores MIR").click()
    page.get_by_role("link", name="12.1", exact=True).click()
    # the agreement options are hidden while the indicator counts meetings
    hides(page.get_by_text("Estatus que cuentan"))
    page.get_by_role("spinbutton", name="Año", exact=True).first.fill("2026")
    page.get_by_role("spinbutton", name="Meta anual").fill("0")
    page.get_by_role("button", name="Fijar meta").click()
    shows(page.locator("#annual_goal-error"))
    page.get_by_role("spinbutton", name="Meta anual").fill("24")
    page.get_by_role("button", name="Fijar meta").click()
    shows(page.get_by_text("Meta de 2026: 24."))
    screenshot(page, "1-indicador")

    page.goto("/informes/?anio=2025&trimestre=2")
    shows(page.get_by_text("Hermanamiento Oaxaca de Juárez – Cozumel").first)
    screenshot(page, "2-informe-telefono")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="DOCX").click()
    download = download_info.value
    assert download.suggested_filename == "informe-trimestral-2025-T2.docx"
    paragraphs = [p.text for p in docx.Document(str(download.path())).paragraphs]
    assert "Sara Mariana Jara Carrasco" in paragraphs
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "3-informe-escritorio")
    page.goto("/admin/transparencia/")
    screenshot(page, "4-formato-transparencia")
