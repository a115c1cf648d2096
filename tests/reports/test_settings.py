"""The report settings page: an admin sets the unit and who signs "Autorizó"."""

from __future__ import annotations

import io

import docx
import pytest
import sqlalchemy as sa

from registry.audit.models import AuditEvent
from registry.extensions import db
from registry.settings.services import get_settings, report_settings
from tests.forms import submit_form

URL = "/admin/ajustes/"


def test_admin_sets_the_signer_and_the_report_prints_it(admin_client):
    response = submit_form(
        admin_client,
        URL,
        {
            "report__signer_name": "  Nombre   de prueba ",
            "report__signer_post": "Cargo de prueba",
            "report__unit_name": "Unidad de prueba",
        },
    )
    assert response.status_code == 302
    assert report_settings().signer_name == "Nombre de prueba"
    assert report_settings().transparency_area == "Unidad de prueba"  # falls back to the unit
    event = db.session.scalars(sa.select(AuditEvent).where(AuditEvent.entity == "setting")).one()
    assert event.after["report.signer_name"] == "Nombre de prueba"
    assert 'value="Nombre de prueba"' in admin_client.get(URL).get_data(as_text=True)
    data = admin_client.get("/informes/trimestral.docx?anio=2025&trimestre=2").data
    paragraphs = [p.text for p in docx.Document(io.BytesIO(data)).paragraphs]
    assert paragraphs[0] == "Unidad de prueba"
    signature = paragraphs[paragraphs.index("Autorizó") :]
    assert signature[-2:] == ["Nombre de prueba", "Cargo de prueba"]


def test_saving_the_same_values_writes_no_audit_event(admin_client):
    submit_form(admin_client, URL, {"report__signer_name": "Nombre de prueba"})
    submit_form(admin_client, URL, {})
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditEvent)) == 1
    submit_form(admin_client, URL, {"report__signer_name": ""})
    assert get_settings()["report.signer_name"] == ""


def test_a_too_long_value_is_a_field_error(admin_client):
    response = submit_form(admin_client, URL, {"report__signer_name": "x" * 201})
    assert response.status_code == 200 and 'id="report__signer_name-error"' in (
        response.get_data(as_text=True)
    )
    assert get_settings()["report.signer_name"] == ""


@pytest.mark.parametrize("who", ["editor_client", "reader_client"])
def test_only_admins_change_settings(request, who):
    client = request.getfixturevalue(who)
    assert client.get(URL).status_code == 403
    assert client.post(URL, data={"report__signer_name": "Intruso"}).status_code == 403
    assert get_settings()["report.signer_name"] == ""
