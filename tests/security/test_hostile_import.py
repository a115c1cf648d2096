"""Hostile input (issue 9) in the spreadsheet import: every column of both sheets.

A correct row (the seed's Ensenada letter, the seed's joint inspection) gets one to three of its
cells replaced by hypothesis' values: markup, SQL, long and strange text, numbers, dates,
booleans, formulas. Through the real pages (upload, preview, confirm): never a 500, no live
markup on the preview or on the imported record's page, and all or nothing: a refused workbook
changes nothing, a confirmed one holds its row.
"""

from __future__ import annotations

import io
from datetime import date, datetime

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from registry.imports.cells import text as cell_text
from registry.imports.spec import AGREEMENTS, MEETINGS, headers
from tests.forms import page_forms
from tests.imports.conftest import build_workbook
from tests.imports.test_import import agreement, database_state, meeting
from tests.imports.test_web import settled
from tests.imports.workbooks import ENSENADA, RECORRIDO
from tests.meetings.conftest import seeds  # noqa: F401 - the seed parties and indicators
from tests.security.hostile import (
    ADVERSARIAL,
    EXAMPLES,
    hostile_settings,
    live_markup,
    text_values,
)

pytestmark = pytest.mark.usefixtures("seeds")

#: Excel's limit on a cell's text.
CELL_LIMIT = 32_767

#: What a cell can hold: text (without the characters XLSX cannot store), numbers, dates, times,
#: booleans, formulas.
cell_values = st.one_of(
    text_values.map(lambda text: ILLEGAL_CHARACTERS_RE.sub("", text)[:CELL_LIMIT]),
    st.integers(min_value=-(2**53), max_value=2**53),
    st.floats(allow_nan=False, allow_infinity=False),
    st.dates(min_value=date(1900, 3, 1)),
    st.datetimes(min_value=datetime(1900, 3, 1)),
    st.booleans(),
    st.sampled_from(["=1/0", '=HYPERLINK("javascript:alert(1)")', "=A1", "#N/A"]),
)


def upload(client, content: bytes):
    return client.post(
        "/importar/",
        data={"file": (io.BytesIO(content), "bitacora.xlsx")},
        content_type="multipart/form-data",
    )


def import_through_the_pages(client, content: bytes) -> bool:
    """Upload, read the preview, confirm when offered; whether the workbook was imported."""
    response = upload(client, content)
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 200:  # refused on the form (not a readable workbook)
        assert live_markup(response.get_data(as_text=True)) is None
        return False
    preview = settled(client, response.headers["Location"])
    page = preview.get_data(as_text=True)
    assert preview.status_code == 200 and live_markup(page) is None, live_markup(page)
    if "Confirmar importación" not in page:
        return False
    (form,) = [form for form in page_forms(page) if "confirmar" in form["action"]]
    confirmed = client.post(form["action"], data=form["fields"], csrf=False)
    assert confirmed.status_code == 302, confirmed.status_code
    done = settled(client, confirmed.headers["Location"])
    assert done.status_code == 302, done.status_code  # imported: back to the upload page
    return True


def written_folio(content: bytes, sheet: str) -> str:
    """The row's folio as the importer reads it from the saved workbook (a date cell, say, keeps
    only milliseconds), in upper case as the services store it."""
    cells = openpyxl.load_workbook(io.BytesIO(content))[sheet]
    column = headers(sheet).index("folio") + 1
    return cell_text(cells.cell(row=2, column=column).value).upper()


def hostile_rows(base: dict, sheet: str):
    columns = headers(sheet)
    return st.lists(st.tuples(st.sampled_from(columns), cell_values), min_size=1, max_size=3).map(
        lambda cells: {**base, **dict(cells)}
    )


@pytest.mark.parametrize(
    ("sheet", "base", "find", "page"),
    [
        (AGREEMENTS, ENSENADA, agreement, "/instrumentos/{}"),
        (MEETINGS, RECORRIDO, meeting, "/reuniones/{}"),
    ],
    ids=["instrumentos", "reuniones"],
)
def test_hostile_cells_in_every_column(app, editor_client, sheet, base, find, page):
    @hostile_settings(EXAMPLES * 3)
    @given(row=hostile_rows(base, sheet))
    def check(row):
        content = build_workbook(**{"agreements" if sheet == AGREEMENTS else "meetings": [row]})
        before = database_state()
        imported = import_through_the_pages(editor_client, content)
        if not imported:
            assert database_state() == before
            return
        record = find(written_folio(content, sheet))
        assert record is not None, row["folio"]
        shown = editor_client.get(page.format(record.id))
        assert shown.status_code == 200
        assert live_markup(shown.get_data(as_text=True)) is None

    check()


def test_markup_in_every_text_column_is_stored_as_written_and_shown_escaped(editor_client):
    script = ADVERSARIAL[2]
    row = {**ENSENADA, "titulo": script, "objetivo": script, "notas": script, "oficio": script}
    assert import_through_the_pages(editor_client, build_workbook([row]))
    record = agreement(ENSENADA["folio"])
    assert record.title == record.objective == record.notes == script
    page = editor_client.get(f"/instrumentos/{record.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page
    assert live_markup(page) is None

    row = {**RECORRIDO, **dict.fromkeys(("titulo", "lugar", "descripcion", "acuerdos"), script)}
    assert import_through_the_pages(editor_client, build_workbook([], [row]))
    record = meeting(RECORRIDO["folio"])
    assert record.title == record.place == record.description == script
    page = editor_client.get(f"/reuniones/{record.id}").get_data(as_text=True)
    assert page.count("&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;") >= 4
    assert live_markup(page) is None


def test_a_javascript_link_as_evidence_is_refused(editor_client):
    row = {**RECORRIDO, "evidencia": "javascript:alert(1)"}
    before = database_state()
    assert not import_through_the_pages(editor_client, build_workbook([], [row]))
    assert database_state() == before
