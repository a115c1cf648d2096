"""Fixtures and helpers of the map tests: the demo, synthetic boundaries, and reading what the
map draws from the page (its layers' GeoJSON and its popups), never raw-HTML snapshots."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from sqlalchemy import select

from registry.agreements import services
from registry.extensions import db
from registry.parties.boundaries import renew_layer_token
from registry.parties.models import Party, PartyBoundary
from tests.meetings.conftest import make_meeting, party, seeds  # noqa: F401 - shared fixtures

URL = "/mapa/"
SANTA_LUCIA, XOXOCOTLAN, SAN_JACINTO, OAXACA = "20390", "20385", "20157", "20067"
COZUMEL, ENSENADA, LOS_CABOS = "23001", "02001", "03008"
SISTER_CITIES = {COZUMEL: "Cozumel", ENSENADA: "Ensenada", LOS_CABOS: "Los Cabos"}


@pytest.fixture
def demo(app):
    """The demo instance's data (parties, indicators, hermanamientos, meetings of Q2 2025)."""
    from registry.demo import load_demo

    load_demo()
    db.session.commit()


def by_cvegeo(cvegeo: str) -> Party:
    return db.session.scalar(select(Party).where(Party.cvegeo == cvegeo))


def add_square_boundaries(cvegeos, half: float = 0.004) -> None:
    """Square "polygons" around the municipalities' points, standing in for an INEGI import
    (which also writes a new layer token)."""
    for cvegeo in cvegeos:
        place = by_cvegeo(cvegeo)
        x, y = place.longitude, place.latitude
        ring = [
            [x - half, y - half],
            [x + half, y - half],
            [x + half, y + half],
            [x - half, y + half],
            [x - half, y - half],
        ]
        geometry = json.dumps({"type": "Polygon", "coordinates": [ring]})
        db.session.add(PartyBoundary(party_id=place.id, geojson=geometry, source="prueba"))
    renew_layer_token("prueba")
    db.session.commit()


def move(agreement, status: str, acted_on: date, **fields):
    """A status move through the lifecycle service (as an admin from the command line)."""
    services.change_status(agreement, status, acted_on, **fields)
    db.session.commit()


# Reading the page --------------------------------------------------------------------------


def page_html(client, url: str = URL) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def _json_at(text: str, position: int):
    return json.JSONDecoder().raw_decode(text, position)[0]


def map_layers(html: str) -> dict[str, list[dict]]:
    """Each overlay's features by the name the layer control shows."""
    data = {}
    for match in re.finditer(r"var (\w+) = RegistryMap\.layer\(\s*\"\w+\",\s*", html):
        data[match[1]] = _json_at(html, match.end())["features"]
    names = re.findall(r"(\"[^\"]+\") : (\w+),", html)
    return {json.loads(name): data[variable] for name, variable in names if variable in data}


def popups(html: str) -> dict[int, str]:
    """The popups' HTML by party id, as the map shows them."""
    match = re.search(r"RegistryMap\.popups\(", html)
    return {int(key): value for key, value in _json_at(html, match.end()).items()}


def features_by_cvegeo(html: str, layer: str = "Municipios de la ZMO") -> dict[str, dict]:
    """A layer's features by their party's CVEGEO (from the shape's CSS class)."""
    found = {}
    for feature in map_layers(html)[layer]:
        code = re.search(r"map-cvegeo-(\d{5})", feature["properties"]["style"]["className"])
        found[code[1]] = feature
    return found


def partner_names(html: str) -> set[str]:
    """Names of the partners drawn outside the ZMO (their circles' tooltips)."""
    names = set()
    for feature in map_layers(html)["Instrumentos fuera de la ZMO"]:
        if feature["geometry"]["type"] == "Point":
            names.add(re.match(r"<strong>(.*?)</strong>", feature["properties"]["tooltip"])[1])
    return names


def table_rows(html: str) -> list[str]:
    """The text of each row of the "Contrapartes en el mapa" table."""
    body = html[html.find("<tbody>") : html.find("</tbody>")]
    rows = re.findall(r"<tr>(.*?)</tr>", body, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", " ", row).split()) for row in rows]
