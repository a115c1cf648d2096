"""A leader opens the partner map on a machine with no internet and clicks a municipality."""

from __future__ import annotations

from urllib.parse import urlsplit

from registry.extensions import db
from tests.browser.steps import log_in
from tests.map.conftest import SANTA_LUCIA, XOXOCOTLAN, add_square_boundaries


def test_the_map_works_offline_and_opens_a_popup(app, page, live_server, reader, screenshot):
    from playwright.sync_api import expect  # here: the browser fixture skips without it

    from registry.demo import load_demo

    load_demo()
    db.session.commit()
    # stand-ins for imported INEGI polygons, about 3 km wide
    add_square_boundaries([SANTA_LUCIA, XOXOCOTLAN], half=0.014)
    outside = []

    def only_this_server(route):
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_this_server)
    log_in(page, reader)
    page.get_by_role("link", name="Mapa").click()
    page.get_by_role("heading", name="Mapa de contrapartes").wait_for()
    page.locator("path.map-area").first.wait_for()
    assert page.evaluate("typeof RegistryMap") == "object"
    assert page.evaluate("L.version") == "1.9.3"  # Leaflet initialised, from this server
    assert page.locator("path.map-area").count() == 26  # every ZMO municipality drawn
    assert page.locator("path.map-partner").count() == 3  # the sister cities
    assert page.locator(".map-label", has_text="Santa Lucía del Camino").count() == 1
    screenshot(page, "1-mapa")

    # a corner of its shape (its meetings circle covers the centre and opens the same popup)
    page.locator(f"path.map-cvegeo-{SANTA_LUCIA}").click(position={"x": 3, "y": 3})
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Santa Lucía del Camino" in popup.inner_text()
    assert "Últimas reuniones (3)" in popup.inner_text()
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")  # faded in
    screenshot(page, "2-ventana")

    popup.get_by_role("link", name="Sesión de Mando Coordinado").click()
    page.get_by_role("heading", name="Sesión de Mando Coordinado").wait_for()
    assert outside == []
