"""Control characters and files where text belongs: cleaned or ignored, never a 500."""

from __future__ import annotations

import io

import sqlalchemy as sa

from registry.extensions import db
from registry.imports.cells import text
from registry.parties.models import Party
from registry.text import without_control_characters
from tests.forms import submit_form


def test_control_characters_are_dropped_and_word_line_breaks_kept():
    assert without_control_characters("a\x00b\x1b[0m\x7f\x85c\td\r\ne") == "ab[0mc\td\r\ne"
    assert without_control_characters("uno\x0bdos\x0ctres") == "uno\ndos\ntres"
    assert text("  \x00Ensenada\x01 ") == "Ensenada"


def test_a_form_saves_text_without_control_characters(editor_client):
    response = submit_form(
        editor_client,
        "/contrapartes/nueva",
        {
            "kind": "social",
            "name": "Consejo\x00 Ciudadano\x1b de Oaxaca",
            "notes": "Acta\x0bfirmada",
        },
    )
    assert response.status_code == 302
    party = db.session.scalar(sa.select(Party).where(Party.name == "Consejo Ciudadano de Oaxaca"))
    assert party is not None and party.notes == "Acta\nfirmada"


def test_a_query_string_with_control_characters_is_searched_clean(editor_client):
    response = editor_client.get("/instrumentos/?q=%00hermana%1Bmiento&status=%00")
    assert response.status_code == 200


def test_a_file_sent_as_a_text_field_is_ignored(editor_client):
    response = editor_client.post(
        "/contrapartes/nueva",
        data={"kind": "social", "name": (io.BytesIO(b"%PDF-1.4"), "nombre.pdf")},
        content_type="multipart/form-data",
    )
    assert response.status_code == 200
    assert "Escriba el nombre" in response.get_data(as_text=True)
    assert (
        db.session.scalar(
            sa.select(sa.func.count()).select_from(Party).where(Party.kind == "social")
        )
        == 0
    )
