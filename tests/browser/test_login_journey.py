"""Log in, see the Spanish dashboard, log out: in a real browser against gunicorn."""

from __future__ import annotations

from tests.browser.steps import hides, log_in, shows
from tests.conftest import TEST_PASSWORD


def test_login_dashboard_logout(page, editor, screenshot):
    page.goto("/")
    assert page.url.endswith("/entrar?next=%2F")
    page.get_by_label("Correo electrónico").fill(editor.email)
    page.get_by_label("Contraseña").fill(TEST_PASSWORD)
    screenshot(page, "1-entrar")
    page.get_by_role("button", name="Entrar").click()

    page.wait_for_url("**/")
    shows(page.get_by_role("heading", name="Tablero"))
    assert page.locator("html").get_attribute("lang") == "es-MX"
    shows(page.get_by_text(editor.full_name).first)
    screenshot(page, "2-tablero")

    page.get_by_role("button", name="Cerrar sesión").click()
    page.wait_for_url("**/entrar")
    shows(page.get_by_text("Sesión cerrada."))
    page.goto("/")
    assert "/entrar" in page.url


def test_wrong_password_shows_the_spanish_error(page, editor):
    page.goto("/entrar")
    page.get_by_label("Correo electrónico").fill(editor.email)
    page.get_by_label("Contraseña").fill("no-es-esta-contraseña")
    page.get_by_role("button", name="Entrar").click()
    shows(page.get_by_text("Correo o contraseña incorrectos."))


def test_menu_collapses_on_a_phone(new_tab, editor):
    page = new_tab(viewport={"width": 375, "height": 740})
    log_in(page, editor)
    toggle = page.get_by_role("button", name="Mostrar menú")
    shows(toggle)
    hides(page.get_by_role("link", name="Tablero"))
    toggle.click()
    page.get_by_role("link", name="Tablero").wait_for(state="visible")
