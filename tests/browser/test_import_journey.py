"""An official brings the unit's Excel log in: a mistake is shown where it is, then it imports."""

from __future__ import annotations

from registry.agreements.models import Agreement
from registry.extensions import db
from registry.indicators import demo as indicators_demo
from registry.meetings.models import Meeting
from registry.parties import demo as parties_demo
from tests.browser.steps import log_in, shows
from tests.imports.conftest import build_workbook
from tests.imports.workbooks import AGREEMENT_ROWS, CONVENIO, MEETING_ROWS


def test_import_a_log_after_fixing_its_mistake(new_tab, editor, screenshot, tmp_path):
    parties_demo.load()
    indicators_demo.load()
    db.session.commit()
    wrong = tmp_path / "bitacora.xlsx"
    wrong.write_bytes(build_workbook([*AGREEMENT_ROWS[:1], {**CONVENIO, "contrapartes": "SOAPA"}]))
    right = tmp_path / "bitacora-corregida.xlsx"
    right.write_bytes(build_workbook(AGREEMENT_ROWS, MEETING_ROWS))
    page = new_tab()
    log_in(page, editor, "/instrumentos/")

    page.get_by_role("link", name="Importar desde Excel").click()
    page.get_by_label("Libro de Excel (.xlsx)").set_input_files(wrong)
    page.get_by_role("button", name="Revisar el libro").click()
    page.locator("#errores").wait_for()  # after the progress page, if the check took a while
    row = page.locator("#errores tbody tr")
    assert row.count() == 1
    assert "¿Quiso decir «Sistema Operador de los Servicios de Agua Potable»?" in row.inner_text()
    screenshot(page, "1-error")

    page.get_by_label("Libro de Excel (.xlsx)").set_input_files(right)
    page.get_by_role("button", name="Revisar el libro").click()
    page.wait_for_url("**/importar/vista-previa*")
    page.get_by_role("button", name="Confirmar importación").wait_for()
    screenshot(page, "2-vista-previa")
    page.get_by_role("button", name="Confirmar importación").click()
    page.wait_for_url("**/importar/")
    shows(page.get_by_text("Importación terminada."))
    screenshot(page, "3-terminada")
    assert db.session.scalar(db.select(db.func.count()).select_from(Agreement)) == 4
    assert db.session.scalar(db.select(db.func.count()).select_from(Meeting)) == 2
