"""The partner map's folium elements, rendered without branca's second template pass.

branca renders an element's macros and then wraps the output in ``Element(output)``, which
*compiles that output as a new Jinja template* and renders it again: anything in the data that
looks like Jinja is executed on the server (a party named ``{{ 7*7 }}`` would show as "49", and
worse expressions would run), and compiling 100 kB of geometry costs ~9 ms a page. The elements
here (:class:`RawMacro`) add their output as plain text instead. Every text a user wrote reaches
the page only as JSON inside them (:func:`script_json`); the folium elements used unchanged
(:class:`LayerSwitcher`'s parent, the tile layer) carry only our own constants.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

import folium
from branca.element import Element, MacroElement
from folium.map import Layer
from folium.template import Template


class Text(Element):
    """Already-rendered output, added to the figure as it is (never compiled as a template)."""

    def __init__(self, text: str):
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class RawMacro(MacroElement):
    """A MacroElement whose header, html and script output is added as :class:`Text`.

    List it *after* a folium class in the bases (``class X(folium.LayerControl, RawMacro)``):
    that class's own ``render`` still runs, and its ``super().render()`` lands here instead of
    in ``MacroElement.render``.
    """

    def render(self, **kwargs):
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if (macro := macros.get(part)) is not None:
                getattr(figure, part).add_child(Text(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


def script_json(value) -> str:
    """Compact JSON safe inside a ``<script>``: ``<``, ``>``, ``&`` and ``'`` as ``\\u00XX``
    (as Jinja's ``tojson``), so no text can close the script."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("'", "\\u0027")
    )


def feature_collection(features: Iterable[tuple[dict, str]]) -> str:
    """A FeatureCollection from (properties, geometry text) pairs. The geometry texts come from
    the cached geography or our own points (numbers only) and are spliced in unparsed."""
    parts = (
        f'{{"type":"Feature","properties":{script_json(properties)},"geometry":{geometry}}}'
        for properties, geometry in features
    )
    return '{"type":"FeatureCollection","features":[' + ",".join(parts) + "]}"


class RegistryMap(folium.Map, RawMacro):
    """folium's Map without its page-wide styles (``html, body {height: 100%}``…): it lives
    inside our page, sized by static/css/map.css, and opens on ``bounds``."""

    _template = Template(
        """
        {% macro html(this, kwargs) %}
        <div class="folium-map registry-map" id="{{ this.get_name() }}" role="region"
             aria-label="Mapa de contrapartes (la tabla bajo el mapa da los mismos datos)"></div>
        {% endmacro %}
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.map({{ this.get_name()|tojson }}, {
            center: {{ this.location|tojson }},
            crs: L.CRS.{{ this.crs }},
            ...{{ this.options|tojavascript }}
        });
        L.control.scale({imperial: false}).addTo({{ this.get_name() }});
        {%- if this.bounds %}
        {{ this.get_name() }}.fitBounds({{ this.bounds|tojson }}, {padding: [18, 18]});
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, *, bounds=None, js=(), css=(), **kwargs):
        super().__init__(**kwargs)
        self.bounds = bounds
        self.default_js = list(js)
        self.default_css = list(css)


class DataLayer(RawMacro, Layer):
    """An overlay that static/js/map.js draws from a GeoJSON FeatureCollection.

    ``kind`` is "features" (shapes, lines and circles styled by their ``style`` property, with
    a hover ``tooltip`` and the ``party``'s popup) or "labels" (names that stay on the map).
    ``data`` is JSON text from :func:`feature_collection`.
    """

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = RegistryMap.layer(
            {{ this.kind|tojson }}, {{ this.data }}, {{ this.attribution|tojson }});
        {%- if this.show %}
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {%- endif %}
        {% endmacro %}
        """
    )

    def __init__(self, name: str, kind: str, data: str, *, show=True, attribution: str = ""):
        super().__init__(name=name, overlay=True, control=True, show=show)
        self._name = "DataLayer"
        self.kind = kind
        self.data = data
        self.attribution = attribution


class PopupContent(RawMacro):
    """The popups' HTML by party id (escaped by Jinja), handed to static/js/map.js once and
    shared by every shape, line and circle of that party."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        RegistryMap.popups({{ this.data }});
        {% endmacro %}
        """
    )

    def __init__(self, popups: dict[int, str]):
        super().__init__()
        self._name = "PopupContent"
        self.data = script_json({str(key): str(value) for key, value in popups.items()})


class LayerSwitcher(folium.LayerControl, RawMacro):
    """folium's layer control (overlay names are our constants)."""


class Tiles(folium.TileLayer, RawMacro):
    """A base map of tiles (only when the deployment configures one)."""
