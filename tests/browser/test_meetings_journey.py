"""An official logs a joint inspection from a phone and finds it on the calendar."""

from __future__ import annotations

from registry.extensions import db
from registry.indicators import demo as indicators_demo
from registry.meetings.models import Meeting
from registry.parties import demo as parties_demo
from tests.browser.steps import log_in, shows


def test_log_a_two_day_inspection_on_a_phone(new_tab, editor, screenshot):
    parties_demo.load()
    indicators_demo.load()
    db.session.commit()
    page = new_tab(viewport={"width": 390, "height": 844})
    log_in(page, editor, "/reuniones/nueva")

    page.get_by_label("Tipo", exact=True).select_option(label="Recorrido")
    page.get_by_label("Título").fill("Recorrido en los límites con San Jacinto Amilpas")
    page.get_by_label("Fecha", exact=True).fill("2025-05-15")
    page.get_by_label("Otras fechas del mismo evento").fill("31/02/2025")
    page.get_by_label("Contrapartes participantes").select_option(
        label=["San Jacinto Amilpas", "Gobierno del Estado de Oaxaca"]
    )
    page.get_by_role("button", name="Guardar").click()
    error = page.locator("#other_dates-error")
    assert "no existe en el calendario" in error.inner_text()
    screenshot(page, "1-fecha-inexistente")

    page.get_by_label("Otras fechas del mismo evento").fill("22/05/2025")
    page.get_by_role("button", name="Guardar").click()
    page.wait_for_url("**/reuniones/*")
    assert page.get_by_role("heading", name="Recorrido en los límites con San Jacinto Amilpas")
    shows(page.get_by_text("15 de mayo de 2025 y 22 de mayo de 2025"))
    screenshot(page, "2-detalle")

    page.goto("/reuniones/calendario?anio=2025&mes=5")
    links = page.get_by_role("link", name="Recorrido en los límites con San Jacinto Amilpas")
    assert links.count() == 2  # phones get the list, one entry per date
    screenshot(page, "3-calendario-telefono")
    page.set_viewport_size({"width": 1280, "height": 900})
    screenshot(page, "4-calendario-escritorio")
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 1
