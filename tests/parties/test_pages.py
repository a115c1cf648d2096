"""The parties pages: list, search, filters, detail, create, edit, deactivate."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from registry.agreements.models import Agreement, AgreementKind, AgreementParty
from registry.agreements.status import Status
from registry.audit.models import AuditEvent
from registry.extensions import db
from registry.meetings.models import Meeting, MeetingDate, MeetingKind
from registry.models_base import utcnow
from registry.parties.models import Party, PartyKind
from tests.conftest import row_count
from tests.forms import submit_form


def party_named(name: str) -> Party | None:
    return db.session.scalar(sa.select(Party).where(Party.name == name))


def municipality(cvegeo: str) -> Party:
    return db.session.scalar(sa.select(Party).where(Party.cvegeo == cvegeo))


def add_party(kind=PartyKind.ESTATAL, name="Comisión Estatal del Agua", **fields) -> Party:
    party = Party(kind=kind, name=name, state=fields.pop("state", "Oaxaca"), **fields)
    db.session.add(party)
    db.session.commit()
    return party


def listed_names(response) -> str:
    html = response.get_data(as_text=True)
    return html[html.find("<tbody>") : html.find("</tbody>")] if "<tbody>" in html else ""


# List ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "found", "not_found"),
    [
        ("xoxocotlan", "Santa Cruz Xoxocotlán", "Santa Lucía del Camino"),
        ("XOXOCOTLÁN", "Santa Cruz Xoxocotlán", "Santa Lucía del Camino"),
        ("santa  lucia", "Santa Lucía del Camino", "Santa Cruz Xoxocotlán"),
        ("soapa", "Sistema Operador de los Servicios de Agua Potable", "Ensenada"),
        ("20390", "Santa Lucía del Camino", "Santa Cruz Xoxocotlán"),
        ("100%", None, "Santa Cruz Xoxocotlán"),  # LIKE wildcards are plain text
    ],
)
def test_search_ignores_accents_and_case_and_matches_acronym_and_key(
    reader_client, query, found, not_found
):
    add_party(
        PartyKind.ORGANISMO, "Sistema Operador de los Servicios de Agua Potable", acronym="SOAPA"
    )
    response = reader_client.get("/contrapartes/", query_string={"q": query})
    assert response.status_code == 200
    names = listed_names(response)
    if found:
        assert found in names
    else:
        assert "Ninguna contraparte coincide con la búsqueda" in response.get_data(as_text=True)
    assert not_found not in names


@pytest.mark.parametrize(
    ("filters", "shown", "hidden"),
    [
        ({"tipo": "estatal"}, "Comisión Estatal del Agua", "Santa Lucía del Camino"),
        ({"zmo": "si"}, "Santa Lucía del Camino", "Ensenada"),
        ({"zmo": "no"}, "Ensenada", "Santa Lucía del Camino"),
        ({"estado": "Quintana Roo"}, "Cozumel", "Ensenada"),
        ({"estatus": "desactivadas"}, "Instituto Retirado", "Comisión Estatal del Agua"),
        ({}, "Comisión Estatal del Agua", "Instituto Retirado"),
    ],
)
def test_filters(reader_client, filters, shown, hidden):
    add_party()
    add_party(PartyKind.ACADEMICA, "Instituto Retirado", active=False)
    names = listed_names(reader_client.get("/contrapartes/", query_string=filters))
    assert shown in names and hidden not in names


def test_zmo_filter_follows_the_configured_delimitation(app, reader_client):
    app.config["ZMO_DELIMITATION"] = "2015"
    names = listed_names(reader_client.get("/contrapartes/?zmo=si&q=cuilapam"))
    assert "Cuilápam de Guerrero" not in names  # a member since 2020 only
    app.config["ZMO_DELIMITATION"] = "2020"
    assert "Cuilápam de Guerrero" in listed_names(reader_client.get("/contrapartes/?zmo=si"))


def test_list_marks_us_and_paginates_with_bounded_queries(reader_client, count_queries):
    for number in range(30):
        add_party(PartyKind.SOCIAL, f"Colectivo vecinal {number:02d}")
    with count_queries() as few:
        first = reader_client.get("/contrapartes/?tipo=social")
    assert "1–25 de 30 contrapartes" in first.get_data(as_text=True)
    for number in range(30, 90):
        add_party(PartyKind.SOCIAL, f"Colectivo vecinal {number:02d}")
    with count_queries() as many:
        reader_client.get("/contrapartes/?tipo=social&page=3")
    assert many.count == few.count
    page = reader_client.get("/contrapartes/?q=oaxaca de juarez").get_data(as_text=True)
    assert "Nosotros" in page


@pytest.mark.parametrize(
    ("who", "can_edit"), [("reader_client", False), ("editor_client", True), ("admin_client", True)]
)
def test_editing_buttons_only_for_editors(app, request, who, can_edit):
    party = add_party()
    client = request.getfixturevalue(who)
    html = client.get(f"/contrapartes/{party.id}").get_data(as_text=True)
    assert ("Desactivar" in html) is can_edit and ("Editar" in html) is can_edit
    assert ("Nueva contraparte" in client.get("/contrapartes/").get_data(as_text=True)) is can_edit


# Detail ----------------------------------------------------------------------------------------


def test_detail_lists_agreements_and_meetings_newest_first_without_deleted(reader_client):
    party = municipality("23001")
    for folio, acted, deleted in (
        ("HER-2025-001", date(2025, 4, 25), None),
        ("HER-2025-002", date(2025, 6, 30), None),
        ("HER-2025-003", date(2025, 5, 1), utcnow()),
    ):
        agreement = Agreement(
            folio=folio,
            kind=AgreementKind.HERMANAMIENTO,
            title=f"Hermanamiento {folio}",
            status=Status.INTENCION,
            status_date=acted,
            deleted_at=deleted,
        )
        agreement.parties.append(AgreementParty(party=party, role="Ciudad hermana"))
        db.session.add(agreement)
    for folio, day, deleted in (
        ("REU-2025-001", date(2025, 5, 8), None),
        ("REU-2025-002", date(2025, 5, 23), None),
        ("REU-2025-003", date(2025, 6, 1), utcnow()),
    ):
        meeting = Meeting(
            folio=folio,
            kind=MeetingKind.REUNION_TRABAJO,
            title=f"Reunión {folio}",
            first_date=day,
            dates=[MeetingDate(day=day)],
            parties=[party],
            deleted_at=deleted,
        )
        db.session.add(meeting)
    db.session.commit()
    html = reader_client.get(f"/contrapartes/{party.id}").get_data(as_text=True)
    assert html.index("HER-2025-002") < html.index("HER-2025-001")
    assert html.index("REU-2025-002") < html.index("REU-2025-001")
    assert "HER-2025-003" not in html and "REU-2025-003" not in html
    assert "Ciudad hermana" in html and "23 de mayo de 2025" in html


def test_detail_of_a_municipality_without_boundaries(reader_client):
    party = municipality("20390")
    html = reader_client.get(f"/contrapartes/{party.id}").get_data(as_text=True)
    assert "20390" in html and "Sin importar: el mapa lo muestra como un punto." in html
    assert "Sí según <i>Metrópolis de México 2020</i> (la que usa el registro)" in html
    assert "Sin instrumentos de vinculación registrados" in html
    assert reader_client.get("/contrapartes/999999").status_code == 404


def test_oaxaca_de_juarez_is_us(editor_client):
    us = municipality("20067")
    html = editor_client.get(f"/contrapartes/{us.id}").get_data(as_text=True)
    assert "nunca se ofrece como contraparte" in html and "Desactivar" not in html
    response = editor_client.post(f"/contrapartes/{us.id}/desactivar", follow_redirects=True)
    assert "no se desactiva" in response.get_data(as_text=True)
    assert municipality("20067").active


# Create ----------------------------------------------------------------------------------------


def test_create_posts_the_real_form(editor_client):
    response = submit_form(
        editor_client,
        "/contrapartes/nueva",
        {
            "kind": "estatal",
            "name": "  Secretaría de  Finanzas ",
            "state": "Oaxaca",
            "acronym": "SEFIN",
            "website": "https://www.ejemplo.gob.mx",
        },
    )
    assert response.status_code == 302
    party = party_named("Secretaría de Finanzas")
    assert (party.kind, party.state, party.country, party.acronym) == (
        "estatal",
        "Oaxaca",
        "México",
        "SEFIN",
    )
    assert response.headers["Location"].endswith(f"/contrapartes/{party.id}")
    event = db.session.scalar(sa.select(AuditEvent).where(AuditEvent.entity == "party"))
    assert event.action == "create" and event.after["name"] == "Secretaría de Finanzas"


def test_foreign_city_needs_its_country(editor_client):
    before = row_count(Party)
    refused = editor_client.post(
        "/contrapartes/nueva", data={"kind": "extranjera", "name": "Sevilla"}
    )
    assert refused.status_code == 200
    assert "Indique el país de la ciudad extranjera." in refused.get_data(as_text=True)
    assert row_count(Party) == before
    created = editor_client.post(
        "/contrapartes/nueva",
        data={
            "kind": "extranjera",
            "name": "Sevilla",
            "country": "España",
            "latitude": "37.3891",
            "longitude": "-5.9845",
            "state": "Oaxaca",
        },
    )
    assert created.status_code == 302
    city = party_named("Sevilla")
    assert (city.country, city.state, city.latitude) == ("España", None, 37.3891)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (
            {"kind": "estatal", "name": "comision estatal del AGUA"},
            "Ya existe «Comisión Estatal del Agua» entre las contrapartes de tipo "
            "Dependencia estatal.",
        ),
        ({"kind": "academica", "name": "Instituto Retirado"}, "(desactivada)"),
        (
            {"kind": "extranjera", "name": "Guadalajara", "country": "México"},
            "Una ciudad de México es un municipio",
        ),
        (
            {"kind": "extranjera", "name": "Lyon", "country": "Francia", "latitude": "45.76"},
            "Indique la latitud y la longitud, o ninguna de las dos.",
        ),
        ({"kind": "municipio", "name": "Tlacolula", "cvegeo": "2055"}, "son 5 dígitos"),
        (
            {"kind": "municipio", "name": "Tlacolula", "cvegeo": "99551"},
            "Las dos primeras cifras de la CVEGEO son el estado",
        ),
        (
            {"kind": "municipio", "name": "Otra", "cvegeo": "20390"},
            "Ya existe el municipio 20390: Santa Lucía del Camino.",
        ),
        ({"kind": "estatal", "name": ""}, "Escriba el nombre."),
        ({"kind": "", "name": "Sin tipo"}, "Elija el tipo de contraparte."),
        (
            {"kind": "estatal", "name": "Sitio", "website": "no es una url"},
            "Escriba una dirección web.",
        ),
    ],
)
def test_create_refuses_bad_data_with_a_clear_message(editor_client, data, message):
    add_party()
    add_party(PartyKind.ACADEMICA, "Instituto Retirado", active=False)
    before = row_count(Party)
    response = editor_client.post("/contrapartes/nueva", data=data)
    assert response.status_code == 200
    assert message in response.get_data(as_text=True)
    assert row_count(Party) == before


def test_same_name_in_another_kind_is_fine(editor_client):
    add_party()
    response = editor_client.post(
        "/contrapartes/nueva", data={"kind": "organismo", "name": "Comisión Estatal del Agua"}
    )
    assert response.status_code == 302


def test_a_municipality_is_added_by_its_key_and_its_state_follows(editor_client):
    response = editor_client.post(
        "/contrapartes/nueva",
        data={
            "kind": "municipio",
            "name": "Tlacolula de Matamoros",
            "cvegeo": "20551",
            "state": "Puebla",
            "country": "Francia",
            "latitude": "1",
            "longitude": "2",
        },
    )
    assert response.status_code == 302
    party = municipality("20551")
    assert (party.state, party.country, party.latitude, party.is_self) == (
        "Oaxaca",
        "México",
        None,
        False,
    )


def test_municipalities_may_share_a_name(editor_client):
    # INEGI: San Juan Mixtepec is both 20208 and 20209
    for cvegeo in ("20208", "20209"):
        response = editor_client.post(
            "/contrapartes/nueva",
            data={"kind": "municipio", "name": "San Juan Mixtepec", "cvegeo": cvegeo},
        )
        assert response.status_code == 302
    from registry.parties.fields import counterpart_choices

    labels = [choice.label for choice in counterpart_choices() if choice.optgroup == "Municipio"]
    assert "San Juan Mixtepec (20208)" in labels and "San Juan Mixtepec (20209)" in labels


def test_create_preselects_the_kind(editor_client):
    html = editor_client.get("/contrapartes/nueva?tipo=extranjera").get_data(as_text=True)
    assert '<option selected value="extranjera">' in html


# Edit ------------------------------------------------------------------------------------------


def test_edit_posts_the_real_form_and_audits_the_change(editor_client):
    party = add_party()
    response = submit_form(
        editor_client,
        f"/contrapartes/{party.id}/editar",
        {"name": "Comisión Estatal del Agua de Oaxaca"},
    )
    assert response.status_code == 302
    assert party_named("Comisión Estatal del Agua de Oaxaca").state == "Oaxaca"
    event = db.session.scalars(sa.select(AuditEvent).order_by(AuditEvent.id.desc())).first()
    assert event.action == "update"
    assert event.before == {"name": "Comisión Estatal del Agua"}


def test_a_party_cannot_take_a_name_its_kind_already_has(editor_client):
    add_party()
    other = add_party(name="Secretaría de Finanzas")
    response = editor_client.post(
        f"/contrapartes/{other.id}/editar",
        data={"kind": "estatal", "name": "Comisión Estatal del Agua"},
    )
    assert "Ya existe «Comisión Estatal del Agua»" in response.get_data(as_text=True)
    assert party_named("Secretaría de Finanzas") is not None


def test_a_municipality_keeps_what_inegi_owns(editor_client):
    party = municipality("20390")
    page = editor_client.get(f"/contrapartes/{party.id}/editar").get_data(as_text=True)
    assert 'name="name"' not in page and 'name="cvegeo"' not in page
    response = submit_form(
        editor_client,
        f"/contrapartes/{party.id}/editar",
        {
            "notes": "Enlace: Dirección de Gobierno",
            "name": "Otro nombre",
            "cvegeo": "20001",
            "kind": "estatal",
        },
    )
    assert response.status_code == 302
    party = municipality("20390")
    assert (party.name, party.kind, party.notes) == (
        "Santa Lucía del Camino",
        "municipio",
        "Enlace: Dirección de Gobierno",
    )


def test_the_kind_of_a_party_cannot_become_municipio(editor_client):
    party = add_party()
    response = editor_client.post(
        f"/contrapartes/{party.id}/editar", data={"kind": "municipio", "name": party.name}
    )
    assert response.status_code == 200
    assert db.session.get(Party, party.id).kind == "estatal"


# Deactivate ------------------------------------------------------------------------------------


def test_deactivate_and_reactivate(editor_client):
    party = add_party()
    response = editor_client.post(f"/contrapartes/{party.id}/desactivar", follow_redirects=True)
    assert "desactivada: ya no se ofrece al registrar" in response.get_data(as_text=True)
    assert not db.session.get(Party, party.id).active
    from registry.parties.fields import counterpart_choices

    offered = [choice.value for choice in counterpart_choices()]
    assert party.id not in offered
    editor_client.post(f"/contrapartes/{party.id}/reactivar")
    assert db.session.get(Party, party.id).active
    actions = db.session.scalars(
        sa.select(AuditEvent.action).where(
            AuditEvent.entity == "party", AuditEvent.entity_id == str(party.id)
        )
    ).all()
    assert actions == ["deactivate", "reactivate"]


@pytest.mark.parametrize("action", ["desactivar", "reactivar", "editar"])
def test_readers_cannot_change_parties(reader_client, action):
    party = add_party()
    response = reader_client.post(f"/contrapartes/{party.id}/{action}", data={"name": "X"})
    assert response.status_code == 403
    assert db.session.get(Party, party.id).active and party_named("X") is None
