"""The agreements and documents lists: filters, search, sorting, and a bounded number of queries."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from registry.agreements import services
from registry.dates import today_local
from registry.extensions import db
from tests.factories import (
    COZUMEL,
    CUILAPAM,
    ENSENADA,
    SAN_JACINTO_AMILPAS,
    SANTA_CRUZ_XOXOCOTLAN,
    make_agreement,
    make_document,
    make_party,
    municipality,
)


def folios(response) -> list[str]:
    """The folios listed on the page, in order."""
    body = response.get_data(as_text=True)
    table = body[body.index("<tbody>") : body.index("</tbody>")] if "<tbody>" in body else ""
    return re.findall(r">((?:ALI|HER|CON)-\d{4}-\d{3})</a></td>", table)


@pytest.fixture
def catalogue(app):
    """Four agreements that differ in every filterable way."""
    water = make_agreement(
        folio="ALI-2025-001",
        kind="alianza",
        title="Alianza por el agua del río Atoyac",
        parties=[municipality(SANTA_CRUZ_XOXOCOTLAN), make_party("Comisión Estatal del Agua")],
        topics=["Agua"],
        acted_on=date(2025, 4, 8),
    )
    twin = make_agreement(
        folio="HER-2025-001",
        kind="hermanamiento",
        title="Hermanamiento con Cozumel",
        parties=[municipality(COZUMEL)],
        topics=["Turismo"],
        status="ratificado",
        acted_on=date(2025, 6, 30),
    )
    letter = make_agreement(
        folio="HER-2025-002",
        kind="hermanamiento",
        title="Hermanamiento con Ensenada",
        objective="Carta de intención de hermanamiento",
        parties=[municipality(ENSENADA)],
        topics=["Turismo", "Cultura"],
        acted_on=date(2025, 4, 29),
    )
    old = make_agreement(
        folio="CON-2024-001",
        kind="convenio",
        title="Convenio de recolección de basura",
        parties=[municipality(SAN_JACINTO_AMILPAS)],
        topics=["Servicios públicos"],
        status="firmado",
        acted_on=date(2024, 11, 5),
        valid_until=today_local() + timedelta(days=30),
    )
    return {"water": water, "twin": twin, "letter": letter, "old": old}


def test_default_order_is_the_most_recent_act_first(reader_client, catalogue):
    response = reader_client.get("/instrumentos/")
    assert response.status_code == 200
    assert folios(response) == ["HER-2025-001", "HER-2025-002", "ALI-2025-001", "CON-2024-001"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind=hermanamiento", ["HER-2025-001", "HER-2025-002"]),
        ("status=intencion", ["HER-2025-002", "ALI-2025-001"]),
        ("zmo=y", ["ALI-2025-001", "CON-2024-001"]),
        ("year=2024", ["CON-2024-001"]),
        ("year=2025&quarter=2", ["HER-2025-001", "HER-2025-002", "ALI-2025-001"]),
        ("year=2025&quarter=3", []),
        ("expiring=90", ["CON-2024-001"]),
        # text search ignores accents and case, and looks at parties too
        ("q=cozumel", ["HER-2025-001"]),
        ("q=XOXOCOTLAN", ["ALI-2025-001"]),
        ("q=intencion", ["HER-2025-002"]),
        ("q=rio+atoyac", ["ALI-2025-001"]),
        ("q=comision+estatal", ["ALI-2025-001"]),
        ("q=her-2025", ["HER-2025-001", "HER-2025-002"]),
        ("q=100%25", []),  # LIKE wildcards are literal
        # an invalid value is ignored, not an error
        ("kind=nada&year=abc", ["HER-2025-001", "HER-2025-002", "ALI-2025-001", "CON-2024-001"]),
    ],
)
def test_filters(reader_client, catalogue, query, expected):
    response = reader_client.get(f"/instrumentos/?{query}")
    assert response.status_code == 200
    assert folios(response) == expected


def test_filter_by_topic_and_party(reader_client, catalogue):
    from tests.factories import topic

    tourism = topic("Turismo").id
    assert folios(reader_client.get(f"/instrumentos/?topic={tourism}")) == [
        "HER-2025-001",
        "HER-2025-002",
    ]
    cozumel = municipality(COZUMEL).id
    assert folios(reader_client.get(f"/instrumentos/?party={cozumel}")) == ["HER-2025-001"]


@pytest.mark.parametrize(
    ("app_config", "listed"),
    [({"ZMO_DELIMITATION": "2020"}, True), ({"ZMO_DELIMITATION": "2015"}, False)],
)
def test_zmo_follows_the_configured_delimitation(reader_client, app_config, listed):
    # Cuilápam de Guerrero belongs to the ZMO in the 2020 delimitation, not in the 2015 one
    make_agreement(parties=[municipality(CUILAPAM)], folio="CON-2025-001")
    assert folios(reader_client.get("/instrumentos/?zmo=y")) == (["CON-2025-001"] if listed else [])


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        ("folio", ["ALI-2025-001", "CON-2024-001", "HER-2025-001", "HER-2025-002"]),
        ("title", ["ALI-2025-001", "CON-2024-001", "HER-2025-001", "HER-2025-002"]),
        ("status", ["ALI-2025-001", "HER-2025-002", "CON-2024-001", "HER-2025-001"]),
        ("last_act", ["CON-2024-001", "ALI-2025-001", "HER-2025-002", "HER-2025-001"]),
        ("valid_until", ["CON-2024-001", "ALI-2025-001", "HER-2025-001", "HER-2025-002"]),
    ],
)
def test_sorting(reader_client, catalogue, sort, expected):
    assert folios(reader_client.get(f"/instrumentos/?sort={sort}")) == expected


def test_empty_states(reader_client):
    assert "Aún no hay instrumentos registrados." in reader_client.get("/instrumentos/").get_data(
        as_text=True
    )
    make_agreement()
    page = reader_client.get("/instrumentos/?q=inexistente").get_data(as_text=True)
    assert "Ningún instrumento cumple esos filtros." in page


def test_a_renamed_party_is_found_by_its_new_name(reader_client):
    party = make_party("Secretaría de Finanzas")
    make_agreement(parties=[party], folio="CON-2025-007")
    party.name = "Secretaría de Finanzas y Planeación"
    db.session.commit()
    assert folios(reader_client.get("/instrumentos/?q=planeacion")) == ["CON-2025-007"]


def test_search_text_follows_an_edit(reader_client):
    agreement = make_agreement(title="Convenio de movilidad", folio="CON-2025-001")
    data = services.AgreementData(
        kind=agreement.kind,
        title="Convenio de seguridad vial",
        parties=[services.PartyEntry(row.party) for row in agreement.parties],
        folio=agreement.folio,
    )
    services.update_agreement(agreement, data, base_version=1)
    db.session.commit()
    assert folios(reader_client.get("/instrumentos/?q=vial")) == ["CON-2025-001"]
    assert folios(reader_client.get("/instrumentos/?q=movilidad")) == []


def make_many(count: int) -> None:
    parties = [make_party() for _ in range(3)]
    for n in range(count):
        topics = ["Agua", "Salud"][: 1 + n % 2]
        make_agreement(
            title=f"Convenio {n}", parties=parties[: 1 + n % 3], topics=topics, commit=False
        )
    db.session.commit()


@pytest.mark.parametrize("app_config", [{"ITEMS_PER_PAGE": 50}])
def test_the_list_issues_a_bounded_number_of_statements(app, reader_client, count_queries):
    make_many(5)
    with count_queries() as few:
        reader_client.get("/instrumentos/?sort=title")
    make_many(35)
    with count_queries() as many:
        response = reader_client.get("/instrumentos/?sort=title")
    assert len(folios(response)) == 40
    assert many.count == few.count, many.statements
    with count_queries() as filtered:
        reader_client.get("/instrumentos/?q=convenio&zmo=y&year=2025&quarter=2&expiring=90")
    assert filtered.count <= few.count


def test_the_detail_page_issues_a_bounded_number_of_statements(app, reader_client, count_queries):
    small = make_agreement()
    parties = [make_party(f"Dependencia {n}") for n in range(6)]
    big = make_agreement(parties=parties, topics=["Agua", "Salud", "Cultura"])
    for n in range(6):
        make_document(big, number=f"OF-{n}")
    services.change_status(big, "firmado", date(2025, 5, 1))
    services.change_status(big, "ratificado", date(2025, 5, 2))
    db.session.commit()
    small_url, big_url = f"/instrumentos/{small.id}", f"/instrumentos/{big.id}"
    with count_queries() as one:
        reader_client.get(small_url)
    with count_queries() as six:
        response = reader_client.get(big_url)
    assert response.get_data(as_text=True).count("OF-") >= 6
    assert six.count == one.count, six.statements


def test_documents_across_agreements(reader_client, catalogue):
    make_document(
        catalogue["letter"],
        kind="carta_intencion",
        number="OPM/EXT/0064/2025",
        issued_on=date(2025, 4, 29),
        issuer="Ensenada",
    )
    make_document(
        catalogue["water"],
        kind="carta_intencion",
        number="CEA/01/2025",
        issued_on=date(2025, 1, 20),
    )
    make_document(
        catalogue["water"], kind="oficio", number="CEA/02/2025", issued_on=date(2025, 5, 2)
    )
    page = reader_client.get(
        "/instrumentos/documentos?kind=carta_intencion&year=2025&quarter=2"
    ).get_data(as_text=True)
    assert "OPM/EXT/0064/2025" in page and "HER-2025-002" in page and "Ensenada" in page
    assert "CEA/01/2025" not in page and "CEA/02/2025" not in page
    ranged = reader_client.get(
        "/instrumentos/documentos?date_from=2025-01-01&date_to=2025-03-31"
    ).get_data(as_text=True)
    assert "CEA/01/2025" in ranged and "OPM/EXT/0064/2025" not in ranged
    searched = reader_client.get("/instrumentos/documentos?q=cea/02").get_data(as_text=True)
    assert "CEA/02/2025" in searched and "CEA/01/2025" not in searched


def test_documents_list_is_bounded_too(app, reader_client, count_queries):
    agreement = make_agreement()
    make_document(agreement)
    with count_queries() as one:
        reader_client.get("/instrumentos/documentos")
    for n in range(10):
        make_document(make_agreement(), number=f"OF-{n}")
    with count_queries() as many:
        reader_client.get("/instrumentos/documentos")
    assert many.count == one.count
