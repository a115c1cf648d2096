"""The page's folium map: built from a :class:`MapView`, rendered into parts for our Jinja page.

Layers (each can be switched off in the map's layer control):

- *Municipios de la ZMO*: every ZMO municipality, its polygon (or its point before an INEGI
  import) filled by the chosen measure; hover shows its name, a click its popup.
- *Instrumentos fuera de la ZMO*: partners outside the ZMO as circles coloured by status, joined
  to Oaxaca de Juárez by lines (dashed in progress, solid formalized, grey ended).
- *Reuniones*: a circle on each party with meetings, growing with their number.
- *Nombres*: the names, so the map reads without a base map.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from urllib.parse import urlsplit

from branca.element import Figure
from flask import current_app, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from markupsafe import Markup, escape

from registry.map import style
from registry.map.contents import MapView, Place
from registry.map.elements import (
    DataLayer,
    LayerSwitcher,
    PopupContent,
    RegistryMap,
    Tiles,
    feature_collection,
)
from registry.parties.models import PartyKind

#: Oaxaca de Juárez, should the database not have it.
DEFAULT_CENTER = (17.06, -96.72)
OPENSTREETMAP_SOURCE = "https://tile.openstreetmap.org"


@dataclass(frozen=True)
class MapParts:
    """What the page embeds: links for <head>, the map's <div>, and its inline script."""

    header: Markup
    html: Markup
    script: Markup


def render_map(view: MapView) -> MapParts:
    """Render the folium figure's parts (no full HTML document: the page is ours)."""
    figure = build_map(view).get_root()
    assert isinstance(figure, Figure), "a folium map's root is its Figure"
    for child in figure._children.values():
        child.render()
    figure.header._children.pop("meta_http", None)  # our page declares its charset
    # folium's output from our own templates; user text is in it only as escaped JSON
    # (elements.script_json) or Jinja-escaped HTML inside that JSON.
    header, html, script = (
        Markup(part.render())  # noqa: S704  # nosec B704
        for part in (figure.header, figure.html, figure.script)
    )
    return MapParts(header, html, script)


def build_map(view: MapView) -> RegistryMap:
    """The folium map of ``view``: Leaflet and our script from this app, never a CDN."""
    center = view.us.point if view.us else DEFAULT_CENTER
    the_map = RegistryMap(
        location=list(center),
        zoom_start=11,
        zoom_snap=0.25,  # fit the ZMO snugly, not to the nearest whole zoom level
        zoom_delta=0.5,
        tiles=None,
        bounds=view.bounds,
        js=[
            ("leaflet", url_for("map.leaflet.static", filename="leaflet.js")),
            ("registry_map", url_for("static", filename="js/map.js")),
        ],
        css=[
            ("leaflet_css", url_for("map.leaflet.static", filename="leaflet.css")),
            ("registry_map_css", url_for("static", filename="css/map.css")),
        ],
    )
    if (tiles := base_tiles()) is not None:
        the_map.add_child(tiles)
    the_map.add_child(PopupContent(popups(view)))
    for layer in data_layers(view):
        the_map.add_child(layer)
    the_map.add_child(LayerSwitcher(collapsed=True))
    return the_map


def data_layers(view: MapView) -> list[DataLayer]:
    attribution = str(style.SHORT_ATTRIBUTION)
    return [
        DataLayer(_("Municipios de la ZMO"), "features", area_layer(view), attribution=attribution),
        DataLayer(_("Instrumentos fuera de la ZMO"), "features", partner_layer(view)),
        DataLayer(_("Reuniones"), "features", meetings_layer(view)),
        DataLayer(_("Nombres"), "labels", label_layer(view)),
    ]


# Layers ----------------------------------------------------------------------------------------


def area_layer(view: MapView) -> str:
    features = []
    for place in view.municipalities:
        shape_style = {
            "color": style.OUTLINE_COLOR,
            "weight": 2.5 if place.is_us else 1,
            "fillColor": view.fill_color(place),
            "fillOpacity": 0.8,
            "className": f"map-area map-cvegeo-{place.relation.cvegeo}",
        }
        if not place.is_area:
            shape_style["radius"] = 8
        features.append((_properties(place, shape_style), place.geometry))
    return feature_collection(features)


def partner_layer(view: MapView) -> str:
    features = []
    for place in view.partners:
        status = place.relation.status
        if status is None:
            continue  # meetings only: the meetings layer shows it
        if view.us is not None:
            line = {**style.line_style(status), "className": "map-line"}
            features.append((_properties(place, line), _line(view.us.point, place.point)))
        marker = {
            "radius": 8,
            "color": "#343a40",
            "weight": 1.5,
            "fillColor": style.status_color(status),
            "fillOpacity": 0.95,
            "className": f"map-partner map-party-{place.relation.party_id}",
        }
        features.append((_properties(place, marker), place.geometry))
    return feature_collection(features)


def meetings_layer(view: MapView) -> str:
    features = []
    for place in view.places:
        if count := place.relation.meeting_count:
            circle = {
                "radius": min(5 + 3 * math.sqrt(count), 30),
                "color": "#ffffff",
                "weight": 1.5,
                "fillColor": style.MEETINGS_COLOR,
                "fillOpacity": 0.6,
                "className": "map-meetings",
            }
            features.append((_properties(place, circle), _point(place.point)))
    return feature_collection(features)


def label_layer(view: MapView) -> str:
    features = []
    for place in view.places:
        if place.is_us or not place.in_zmo:
            tone = "us" if place.is_us else "partner"
        else:
            tone = "related" if place.relation.activity else "quiet"
        features.append(({"label": str(escape(place.name)), "tone": tone}, _point(place.point)))
    return feature_collection(features)


def _properties(place: Place, path_style: dict) -> dict:
    tooltip = Markup("<strong>{}</strong><br>{}").format(place.name, summary(place))
    return {"party": place.relation.party_id, "tooltip": str(tooltip), "style": path_style}


def _point(point: tuple[float, float]) -> str:
    return json.dumps({"type": "Point", "coordinates": [point[1], point[0]]})


def _line(start: tuple[float, float], end: tuple[float, float]) -> str:
    coordinates = [[start[1], start[0]], [end[1], end[0]]]
    return json.dumps({"type": "LineString", "coordinates": coordinates})


# Texts -----------------------------------------------------------------------------------------


def summary(place: Place) -> str:
    """One line under a place's name: "Firmado · 2 instrumentos · 3 reuniones"."""
    if place.is_us:
        return _("Nuestro municipio")
    relation = place.relation
    parts = [relation.status.label if relation.status else _("Sin instrumentos")]
    if relation.agreement_count > 1:
        parts.append(
            ngettext("%(num)s instrumento", "%(num)s instrumentos", relation.agreement_count)
        )
    if relation.meeting_count:
        parts.append(ngettext("%(num)s reunión", "%(num)s reuniones", relation.meeting_count))
    return " · ".join(parts)


def where(place: Place) -> str:
    """Where a place is, under its name in the popup."""
    relation = place.relation
    if relation.kind == PartyKind.EXTRANJERA:
        return relation.country or relation.kind.label
    if relation.kind != PartyKind.MUNICIPIO:
        return relation.kind.label
    if place.in_zmo:
        return _("%(state)s · Zona Metropolitana de Oaxaca", state=relation.state or "Oaxaca")
    return relation.state or ""


def popups(view: MapView) -> dict[int, str]:
    """Each place's popup HTML by party id (templates/map/_popup.html)."""
    # A template's macros are attributes of its module, which Jinja's types cannot list.
    macro = current_app.jinja_env.get_template("map/_popup.html").module.popup  # type: ignore[attr-defined]
    return {place.relation.party_id: str(macro(place, view, where(place))) for place in view.places}


# Base map --------------------------------------------------------------------------------------


def base_tiles() -> Tiles | None:
    """The configured base map (``MAP_TILES``): none on an intranet, OpenStreetMap, or a URL."""
    setting = tiles_setting()
    if setting == "none":
        return None
    if setting == "openstreetmap":
        return Tiles("OpenStreetMap", control=False)
    attribution = current_app.config.get("MAP_TILES_ATTRIBUTION") or urlsplit(setting).netloc
    return Tiles(setting, attr=attribution, control=False)


def base_map_credit() -> str | None:
    """Who the base map's tiles are from, for the line under the map (None: no base map)."""
    setting = tiles_setting()
    if setting == "none":
        return None
    if setting == "openstreetmap":
        return _("Mapa base: © colaboradores de OpenStreetMap.")
    return current_app.config.get("MAP_TILES_ATTRIBUTION") or urlsplit(setting).netloc


def tiles_setting() -> str:
    return str(current_app.config.get("MAP_TILES") or "none").strip()


def tile_image_source(setting: str) -> str | None:
    """What the Content-Security-Policy must allow for the tiles' images (None: no tiles)."""
    setting = setting.strip()
    if setting in ("", "none"):
        return None
    if setting == "openstreetmap":
        return OPENSTREETMAP_SOURCE
    parts = urlsplit(setting)
    return f"{parts.scheme}://{parts.netloc.replace('{s}', '*')}"
