"""An editor finds a municipality by typing without accents and registers a sister city."""

from __future__ import annotations

from tests.browser.steps import log_in


def test_search_and_register_a_foreign_city(page, editor, screenshot):
    log_in(page, editor)
    page.get_by_role("link", name="Contrapartes").click()
    page.get_by_role("searchbox", name="Buscar").fill("xoxocotlan")
    page.get_by_role("button", name="Filtrar").click()
    assert page.get_by_role("link", name="Santa Cruz Xoxocotlán").is_visible()
    screenshot(page, "1-busqueda")

    page.get_by_role("link", name="Nueva contraparte").click()
    country = page.get_by_label("País")
    assert not country.is_visible() and not page.get_by_label("Estado").is_visible()
    page.get_by_label("Tipo").select_option(label="Ciudad extranjera")
    assert country.is_visible() and not page.get_by_label("Clave INEGI").is_visible()
    page.get_by_label("Nombre", exact=True).fill("Sevilla")
    page.get_by_role("button", name="Guardar").click()
    assert page.get_by_text("Indique el país de la ciudad extranjera.").is_visible()
    page.get_by_label("País").fill("España")
    screenshot(page, "2-formulario")
    page.get_by_role("button", name="Guardar").click()

    page.get_by_role("heading", name="Sevilla").wait_for()
    assert page.get_by_text("Contraparte «Sevilla» registrada.").is_visible()
    screenshot(page, "3-detalle")
