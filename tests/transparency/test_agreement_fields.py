"""The agreement's "Transparencia" fields: the edit form, the rules, the derived SIPOT type."""

from __future__ import annotations

from datetime import date

import pytest

from registry.agreements import services
from registry.agreements.models import Agreement
from registry.agreements.transparency import SipotType, TransparencyData, derived_sipot_type
from registry.audit.models import AuditEvent
from registry.errors import DomainError
from registry.extensions import db
from registry.parties.models import PartyKind
from tests.factories import ENSENADA, make_agreement, make_party, municipality
from tests.forms import page_forms, submit_form

URL = "/instrumentos/{id}/editar"


def text(response) -> str:
    return response.get_data(as_text=True)


def test_the_edit_form_saves_the_transparency_fieldset(editor_client):
    agreement = make_agreement(title="Convenio de agua")
    response = submit_form(
        editor_client,
        URL.format(id=agreement.id),
        {
            "transparency-sipot_type": "concertacion_social",
            "transparency-resources_source": "No aplica",
            "transparency-published_on": "2025-05-02",
            "transparency-document_url": "https://www.municipiodeoaxaca.gob.mx/convenio.pdf",
            "transparency-transparency_note": "Sin recursos públicos entregados.",
        },
    )
    assert response.status_code == 302
    saved = db.session.get(Agreement, agreement.id)
    assert saved.sipot_type == "concertacion_social" and saved.resources_source == "No aplica"
    assert saved.published_on == date(2025, 5, 2)
    assert saved.document_url == "https://www.municipiodeoaxaca.gob.mx/convenio.pdf"
    event = db.session.scalars(db.select(AuditEvent).where(AuditEvent.action == "update")).one()
    assert event.after["resources_source"] == "No aplica"
    page = text(editor_client.get(f"/instrumentos/{agreement.id}"))
    assert "De concertación con el sector social" in page and "2 de mayo de 2025" in page
    history = page[page.index('id="historial"') :]
    assert "Fuente de los recursos" in history and "No aplica" in history
    # the form shows what was saved, and the fieldset opens because something is filled
    form = page_forms(text(editor_client.get(URL.format(id=agreement.id))))[-1]["fields"]
    assert form["transparency-resources_source"] == "No aplica"
    assert form["transparency-sipot_type"] == "concertacion_social"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("document_url", "www.sin-esquema.mx/c.pdf", "Escriba una dirección web completa"),
        ("amendments_url", "javascript:alert(1)", "Escriba una dirección web completa"),
        ("published_on", "2999-01-01", "La fecha no puede ser posterior a hoy."),
        ("sre_opinion", "DGCJ/1234", "solo aplican a instrumentos con una contraparte extranjera"),
    ],
)
def test_bad_transparency_values_are_field_errors_and_change_nothing(
    editor_client, field, value, message
):
    agreement = make_agreement(title="Convenio de agua")
    response = submit_form(
        editor_client,
        URL.format(id=agreement.id),
        {f"transparency-{field}": value, "title": "Título cambiado"},
    )
    assert response.status_code == 200
    page = text(response)
    assert message in page and f'id="transparency-{field}-error"' in page
    assert '<details class="border rounded p-3 mb-3" open>' in page
    saved = db.session.get(Agreement, agreement.id)
    assert saved.title == "Convenio de agua" and getattr(saved, field) is None


def sre_fields(registered_on: str) -> dict:
    return {
        "transparency-sre_opinion": "DP-0001/2025",
        "transparency-sre_opinion_on": "2025-03-03",
        "transparency-sre_registry_number": "RAI-77",
        "transparency-sre_registered_on": registered_on,
    }


def test_sre_record_of_an_agreement_with_a_foreign_city(editor_client):
    foreign = make_party(
        "Ciudad de prueba en el extranjero", PartyKind.EXTRANJERA, country="España"
    )
    agreement = make_agreement(kind="hermanamiento", parties=[foreign])
    url = URL.format(id=agreement.id)
    response = submit_form(editor_client, url, sre_fields("2025-03-01"))
    assert "no puede ser anterior a su dictamen" in text(response)
    response = submit_form(editor_client, url, sre_fields("2025-04-01"))
    assert response.status_code == 302
    saved = db.session.get(Agreement, agreement.id)
    assert (saved.sre_opinion, saved.sre_registered_on) == ("DP-0001/2025", date(2025, 4, 1))
    page = text(editor_client.get(f"/instrumentos/{agreement.id}"))
    assert "DP-0001/2025 del 3 de marzo de 2025" in page and "RAI-77" in page


def test_a_save_without_transparency_data_keeps_what_was_recorded(app):
    """The importer's AgreementData has no transparency part: it must not wipe the fields."""
    agreement = make_agreement(title="Convenio de agua")
    data = services.AgreementData(
        kind=agreement.kind,
        title="Convenio de agua",
        folio=agreement.folio,
        parties=[services.PartyEntry(row.party) for row in agreement.parties],
        transparency=TransparencyData(resources_source="No aplica"),
    )
    services.update_agreement(agreement, data, base_version=None)
    data.transparency, data.title = None, "Convenio de agua potable"
    services.update_agreement(agreement, data, base_version=None)
    db.session.commit()
    saved = db.session.get(Agreement, agreement.id)
    assert (saved.title, saved.resources_source) == ("Convenio de agua potable", "No aplica")


def test_service_refuses_sre_data_without_a_foreign_party(app):
    agreement = make_agreement(parties=[municipality(ENSENADA)])
    data = services.AgreementData(
        kind=agreement.kind,
        title=agreement.title,
        parties=[services.PartyEntry(row.party) for row in agreement.parties],
        transparency=TransparencyData(sre_registry_number="RAI-1"),
    )
    with pytest.raises(DomainError) as refused:
        services.update_agreement(agreement, data, base_version=None)
    assert refused.value.field == "sre_registry_number"


@pytest.mark.parametrize(
    ("kinds", "expected"),
    [
        (["municipio"], SipotType.COORDINACION_SOCIAL),
        (["estatal", "organismo", "federal"], SipotType.COORDINACION_SOCIAL),
        (["extranjera"], SipotType.COORDINACION_SOCIAL),
        (["municipio", "social"], SipotType.CONCERTACION_SOCIAL),
        (["academica"], SipotType.CONCERTACION_SOCIAL),
        (["social", "privada"], SipotType.CONCERTACION_PRIVADO),
    ],
)
def test_the_type_is_derived_from_the_parties(kinds, expected):
    assert derived_sipot_type(kinds) == expected
    assert expected.label.startswith("De co")


def test_the_create_form_takes_the_transparency_fields_too(editor_client):
    response = submit_form(
        editor_client,
        "/instrumentos/nuevo",
        {
            "kind": "convenio",
            "title": "Convenio con fuente de recursos",
            "parties-0-party": str(municipality(ENSENADA).id),
            "status": "firmado",
            "status_date": "2025-05-02",
            "doc_kind": "",
            "transparency-resources_source": "Recursos municipales",
        },
    )
    assert response.status_code == 302
    saved = db.session.scalars(db.select(Agreement)).one()
    assert saved.resources_source == "Recursos municipales" and saved.sipot_type is None
