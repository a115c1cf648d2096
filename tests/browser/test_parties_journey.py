"""An editor finds a municipality by typing without accents and registers a sister city."""

from __future__ import annotations

from tests.browser.steps import log_in, shows


def test_search_and_register_a_foreign_city(page, editor, screenshot):
    from playwright.sync_api import expect  # here: the browser fixture skips without it

    log_in(page, editor)
    page.get_by_role("link", name="Contrapartes").click()
    page.get_by_role("searchbox", name="Buscar").fill("xoxocotlan")
    page.get_by_role("button", name="Filtrar").click()
    expect(page.get_by_role("link", name="Santa Cruz Xoxocotlán")).to_be_visible()
    screenshot(page, "1-busqueda")

    page.get_by_role("link", name="Nueva contraparte").click()
    country = page.get_by_label("País")
    expect(country).to_be_hidden()  # once the page's script has run
    expect(page.get_by_label("Estado")).to_be_hidden()
    page.get_by_label("Tipo").select_option(label="Ciudad extranjera")
    expect(country).to_be_visible()
    expect(page.get_by_label("Clave INEGI")).to_be_hidden()
    page.get_by_label("Nombre", exact=True).fill("Sevilla")
    page.get_by_role("button", name="Guardar").click()
    expect(page.get_by_text("Indique el país de la ciudad extranjera.")).to_be_visible()
    page.get_by_label("País").fill("España")
    screenshot(page, "2-formulario")
    page.get_by_role("button", name="Guardar").click()

    page.get_by_role("heading", name="Sevilla").wait_for()
    shows(page.get_by_text("Contraparte «Sevilla» registrada."))
    screenshot(page, "3-detalle")
