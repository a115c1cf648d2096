"""The map page: what it draws for the demo and under filters, colours, popups, no CDN."""

from __future__ import annotations

import json
import re
from datetime import date
from urllib.parse import urlsplit

import pytest

from registry.agreements.status import Status
from registry.extensions import db
from registry.map import style
from registry.parties.models import Party, PartyKind
from registry.topics.models import Topic
from tests.factories import make_agreement, municipality
from tests.map.conftest import (
    COZUMEL,
    ENSENADA,
    LOS_CABOS,
    OAXACA,
    SAN_JACINTO,
    SANTA_LUCIA,
    SISTER_CITIES,
    URL,
    XOXOCOTLAN,
    add_square_boundaries,
    by_cvegeo,
    features_by_cvegeo,
    map_layers,
    move,
    page_html,
    partner_names,
    popups,
    table_rows,
)

ZMO_2020_MEMBERS = 26


def fill(feature: dict) -> str:
    return feature["properties"]["style"]["fillColor"]


def test_demo_map_shows_the_sister_cities_with_their_statuses(demo, reader_client):
    html = page_html(reader_client)
    assert partner_names(html) == set(SISTER_CITIES.values())
    lines = [
        f
        for f in map_layers(html)["Instrumentos fuera de la ZMO"]
        if f["geometry"]["type"] == "LineString"
    ]
    styles = sorted(
        (f["properties"]["tooltip"], f["properties"]["style"].get("dashArray")) for f in lines
    )
    assert styles == [
        ("<strong>Cozumel</strong><br>Ratificado", None),  # solid: formalized
        ("<strong>Ensenada</strong><br>Intención", style.DASHED),
        ("<strong>Los Cabos</strong><br>Intención", style.DASHED),
    ]
    rows = table_rows(html)
    assert "Cozumel Quintana Roo Ratificado 1 0" in rows
    assert "Ensenada Baja California Intención 1 0" in rows
    assert "Los Cabos Baja California Sur Intención 1 0" in rows


def test_demo_map_draws_every_zmo_municipality_coloured_by_status(demo, reader_client):
    html = page_html(reader_client)
    areas = features_by_cvegeo(html)
    assert len(areas) == ZMO_2020_MEMBERS
    assert fill(areas[OAXACA]) == style.US_COLOR
    # the demo's agreements are all with cities outside the ZMO: no ZMO municipality has one
    assert {fill(f) for code, f in areas.items() if code != OAXACA} == {style.NONE_COLOR}
    assert "Santa Lucía del Camino Zona Metropolitana Sin instrumentos 0 3" in table_rows(html)
    names = {f["properties"]["label"] for f in map_layers(html)["Nombres"]}
    assert {"Oaxaca de Juárez", "Santa Lucía del Camino", "Cozumel"} <= names


def test_activity_colouring_counts_agreements_and_meetings(demo, reader_client):
    html = page_html(reader_client, URL + "?colorear=actividad")
    areas = features_by_cvegeo(html)
    assert fill(areas[SANTA_LUCIA]) == style.activity_color(3) == "#9ecae1"  # 3 meetings
    assert fill(areas[XOXOCOTLAN]) == style.activity_color(4) == "#4292c6"  # 4 meetings
    assert fill(areas["20107"]) == style.NONE_COLOR  # San Antonio de la Cal: nothing
    assert "2–3" in html and "16 o más" in html  # the legend's classes


PATH_TO = {
    Status.INTENCION: [],
    Status.NEGOCIACION: [("negociacion", date(2024, 2, 1))],
    Status.FIRMADO: [("firmado", date(2024, 2, 1))],
    Status.RATIFICADO: [("firmado", date(2024, 2, 1)), ("ratificado", date(2024, 3, 1))],
    Status.CONCLUIDO: [("firmado", date(2024, 2, 1)), ("concluido", date(2024, 3, 1))],
    Status.CANCELADO: [("cancelado", date(2024, 2, 1))],
}


@pytest.mark.parametrize("status", list(Status))
def test_a_municipality_takes_the_colour_of_its_most_advanced_status(app, reader_client, status):
    slc = municipality(SANTA_LUCIA)
    make_agreement(parties=[slc], status="intencion", acted_on=date(2024, 1, 10))
    agreement = make_agreement(parties=[slc], status="intencion", acted_on=date(2024, 1, 10))
    for step, day in PATH_TO[status]:
        move(agreement, step, day, reason="Motivo de prueba")
    expected = Status.INTENCION if status in (Status.CONCLUIDO, Status.CANCELADO) else status
    assert (
        fill(features_by_cvegeo(page_html(reader_client))[SANTA_LUCIA])
        == (style.STATUS_COLORS[expected])
    )


def test_an_ended_agreement_alone_colours_grey(app, reader_client):
    agreement = make_agreement(parties=[municipality(XOXOCOTLAN)], status="firmado")
    move(agreement, "concluido", date(2025, 5, 1))
    areas = features_by_cvegeo(page_html(reader_client))
    assert fill(areas[XOXOCOTLAN]) == style.STATUS_COLORS[Status.CONCLUIDO]


@pytest.mark.parametrize(
    ("query", "partners"),
    [
        ("?estatus=ratificado", {"Cozumel"}),
        ("?estatus=intencion", {"Ensenada", "Los Cabos"}),
        ("?tipo=alianza", set()),
        ("?anio=2025&trimestre=1", set()),  # the letters and the ratification are of Q2
        ("?anio=2025&trimestre=2", {"Cozumel", "Ensenada", "Los Cabos"}),
        ("?estatus=no-existe", {"Cozumel", "Ensenada", "Los Cabos"}),  # ignored, not an error
    ],
)
def test_filters_change_what_is_drawn(demo, reader_client, query, partners):
    html = page_html(reader_client, URL + query)
    assert partner_names(html) == partners
    assert len(features_by_cvegeo(html)) == ZMO_2020_MEMBERS  # the ZMO is always drawn


def test_a_topic_filter_and_the_urls_that_keep_the_filters(demo, reader_client):
    topic = db.session.scalar(db.select(Topic).where(Topic.name == "Artesanías"))
    html = page_html(reader_client, f"{URL}?tema={topic.id}&vista=nacional")
    assert partner_names(html) == {"Cozumel"}  # only Cozumel's agreement names craftwork
    assert f"/mapa/mapa.png?tema={topic.id}&amp;vista=nacional" in html
    assert f"/mapa/mapa.geojson?tema={topic.id}&amp;vista=nacional" in html


def test_invalid_filters_are_reported_and_ignored(demo, reader_client):
    html = page_html(reader_client, URL + "?anio=abc&trimestre=9&tema=999999")
    assert html.count('class="invalid-feedback d-block"') == 3
    assert partner_names(html) == set(SISTER_CITIES.values())


def test_the_period_is_explained_in_one_line(demo, reader_client):
    html = page_html(reader_client, URL + "?anio=2025&trimestre=2")
    assert (
        "Instrumentos en curso durante el 2.º trimestre de 2025, con su estatus al 30 de " in html
    )
    assert "Estatus actual de cada instrumento registrado" in page_html(reader_client)


def test_popups_list_agreements_and_meetings_with_links(demo, reader_client):
    html = page_html(reader_client)
    slc = popups(html)[by_cvegeo(SANTA_LUCIA).id]
    assert "Santa Lucía del Camino" in slc and "Últimas reuniones (3)" in slc
    assert re.search(r'12 de junio de 2025 · <a href="/reuniones/\d+">Sesión de Mando', slc)
    cozumel = popups(html)[by_cvegeo(COZUMEL).id]
    assert re.search(r'>Ratificado</span> <a href="/instrumentos/\d+">HER-2025-001</a>', cozumel)
    assert "Sin reuniones registradas." in cozumel


def test_a_long_list_links_to_the_full_one(app, reader_client):
    slc = municipality(SANTA_LUCIA)
    for _ in range(10):
        make_agreement(parties=[slc], commit=False)
    db.session.commit()
    content = popups(page_html(reader_client))[slc.id]
    assert content.count("<li>") == 8
    assert f'href="/instrumentos/?party={slc.id}">Ver sus 10 instrumentos' in content


NAUGHTY = 'Comité "A&B" <Oaxaca>'


def test_names_are_escaped_in_popups_tooltips_labels_and_table(app, reader_client):
    city = Party(
        kind=PartyKind.EXTRANJERA,
        name=NAUGHTY,
        country="Ñuñoa & <Chile>",
        latitude=-33.45,
        longitude=-70.6,
    )
    db.session.add(city)
    db.session.commit()
    make_agreement(parties=[city], title='Convenio "cultura & <arte>" {{ 7*7 }}')
    html = page_html(reader_client)
    escaped = "Comité &#34;A&amp;B&#34; &lt;Oaxaca&gt;"
    content = popups(html)[city.id]
    assert f'<p class="map-popup-title">{escaped}</p>' in content
    assert "Ñuñoa &amp; &lt;Chile&gt;" in content
    assert "Convenio &#34;cultura &amp; &lt;arte&gt;&#34; {{ 7*7 }}" in content  # never evaluated
    assert NAUGHTY not in content and "49" not in content
    assert partner_names(html) == {escaped}  # the hover text
    assert escaped in {f["properties"]["label"] for f in map_layers(html)["Nombres"]}
    assert NAUGHTY not in html  # nowhere on the page unescaped, not even inside the script


def test_a_party_named_like_a_template_is_shown_as_written(app, reader_client):
    city = Party(
        kind=PartyKind.EXTRANJERA,
        name="{{ 7*7 }} {% if true %}x{% endif %}",
        country="España",
        latitude=40.4,
        longitude=-3.7,
    )
    db.session.add(city)
    db.session.commit()
    make_agreement(parties=[city])
    html = page_html(reader_client)
    assert partner_names(html) == {"{{ 7*7 }} {% if true %}x{% endif %}"}


def test_no_script_or_style_comes_from_another_host(demo, reader_client, app):
    html = page_html(reader_client)
    references = re.findall(r'\b(?:src|href)="([^"]*)"', html)
    assert references
    for reference in references:
        parts = urlsplit(reference)
        assert not parts.scheme and not parts.netloc, reference  # relative: same origin
    scripts = {urlsplit(src).path for src in re.findall(r'<script src="([^"]+)"', html)}
    assert "/mapa/leaflet/leaflet.js" in scripts and "/static/js/map.js" in scripts
    assert "tileLayer" not in html and "jsdelivr" not in html and "cdnjs" not in html


@pytest.mark.parametrize(
    "asset", ["leaflet.js", "leaflet.css", "images/layers.png", "images/marker-icon.png"]
)
def test_leaflet_is_served_by_the_app_even_before_login(client, asset):
    response = client.get(f"/mapa/leaflet/{asset}")
    assert response.status_code == 200 and response.data
    response.close()


@pytest.mark.parametrize("app_config", [{"MAP_TILES": "openstreetmap"}])
def test_openstreetmap_tiles_when_configured(demo, reader_client):
    response = reader_client.get(URL)
    html = response.get_data(as_text=True)
    assert "L.tileLayer(" in html and "https://tile.openstreetmap.org/{z}/{x}/{y}.png" in html
    images = response.headers["Content-Security-Policy"].split("img-src")[1].split(";")[0]
    assert "https://tile.openstreetmap.org" in images


TILE_SERVER = "https://{s}.mapas.oaxaca.example/{z}/{x}/{y}.png"


@pytest.mark.parametrize(
    "app_config",
    [{"MAP_TILES": TILE_SERVER, "MAP_TILES_ATTRIBUTION": "Mapa base: IMPLAN Oaxaca"}],
)
def test_an_intranet_tile_server_when_configured(app, reader_client):
    response = reader_client.get(URL)
    html = response.get_data(as_text=True)
    assert "L.tileLayer(" in html and f'"{TILE_SERVER}"' in html
    assert "Mapa base: IMPLAN Oaxaca" in html
    images = response.headers["Content-Security-Policy"].split("img-src")[1].split(";")[0]
    assert "https://*.mapas.oaxaca.example" in images


def test_no_tiles_by_default(app, reader_client):
    response = reader_client.get(URL)
    assert "L.tileLayer(" not in response.get_data(as_text=True)
    images = response.headers["Content-Security-Policy"].split("img-src")[1].split(";")[0]
    assert images.split() == ["'self'", "data:"]


def test_polygons_replace_points_once_boundaries_are_imported(demo, reader_client):
    add_square_boundaries([SANTA_LUCIA, SAN_JACINTO])
    areas = features_by_cvegeo(page_html(reader_client))
    assert areas[SANTA_LUCIA]["geometry"]["type"] == "Polygon"
    assert areas[XOXOCOTLAN]["geometry"]["type"] == "Point"


def test_page_statements_do_not_grow_with_the_data(demo, reader_client, count_queries):
    def statements() -> int:
        with count_queries() as counter:
            page_html(reader_client, URL + "?anio=2025&trimestre=2")
        return counter.count

    make_agreement(parties=[municipality(SANTA_LUCIA)], acted_on=date(2025, 4, 2))
    few = statements()
    for code in (SANTA_LUCIA, XOXOCOTLAN, SAN_JACINTO, ENSENADA, LOS_CABOS):
        for _ in range(5):
            make_agreement(parties=[municipality(code)], acted_on=date(2025, 4, 2), commit=False)
    db.session.commit()
    assert statements() == few


def test_the_drawn_map_follows_every_change(app, reader_client):
    """The map is drawn on every request: a change shows on the next one."""
    fill = lambda html: features_by_cvegeo(html)[SANTA_LUCIA]["properties"]["style"]["fillColor"]  # noqa: E731
    first = page_html(reader_client)
    make_agreement(parties=[municipality(SANTA_LUCIA)], status="firmado")
    after = page_html(reader_client)
    assert fill(after) == style.status_color(Status.FIRMADO) != fill(first)


def fitted_bounds(html: str) -> list[list[float]]:
    return json.loads(re.search(r"\.fitBounds\((\[\[.*?\]\])", html)[1])


def test_the_national_view_opens_on_every_partner(demo, reader_client):
    (south, west), (north, east) = fitted_bounds(page_html(reader_client))
    assert -97.0 < west < east < -96.5 and 16.8 < south < north < 17.3  # the ZMO
    (south, west), (north, east) = fitted_bounds(page_html(reader_client, URL + "?vista=nacional"))
    assert west < -116 and east > -87 and north > 31  # Ensenada to Cozumel


def test_an_empty_registry_still_draws_the_zmo(app, reader_client):
    html = page_html(reader_client)
    assert len(features_by_cvegeo(html)) == ZMO_2020_MEMBERS
    assert "Ningún instrumento ni reunión con estos filtros." in html


@pytest.mark.parametrize("app_config", [{"ZMO_DELIMITATION": "2015"}])
def test_the_2015_delimitation_draws_its_24_municipalities(app, reader_client):
    cuilapam = municipality("20023")  # in the ZMO in 2020 only: a partner outside it in 2015
    make_agreement(parties=[cuilapam], status="firmado")
    html = page_html(reader_client)
    assert len(features_by_cvegeo(html)) == 24
    assert partner_names(html) == {"Cuilápam de Guerrero"}
