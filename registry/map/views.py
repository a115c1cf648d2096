"""Map pages (/mapa): the map, its PNG and its GeoJSON, all for the filters in the URL."""

from __future__ import annotations

from flask import Blueprint, render_template
from xstatic.pkg import leaflet

from registry.downloads import file_response
from registry.map import exports
from registry.map.contents import Scope, build_view
from registry.map.forms import MapFilterForm
from registry.map.render import base_map_credit, render_map, tile_image_source
from registry.map.style import ATTRIBUTION, area_legend, line_legend

bp = Blueprint("map", __name__, url_prefix="/mapa")

#: Leaflet served by the app itself from the xstatic-leaflet package (the intranet has no CDN);
#: its endpoint, map.leaflet.static, is a public asset like the app's own static files.
leaflet_assets = Blueprint(
    "leaflet", __name__, static_folder=leaflet.BASE_DIR, static_url_path="/leaflet"
)
bp.register_blueprint(leaflet_assets)


@bp.record_once
def _allow_tile_images(state) -> None:
    """With a tile server configured, let the Content-Security-Policy load its images."""
    config = state.app.config
    source = tile_image_source(str(config.get("MAP_TILES") or "none"))
    if source and source not in config["CSP_EXTRA_IMG_SOURCES"]:
        config["CSP_EXTRA_IMG_SOURCES"] = [*config["CSP_EXTRA_IMG_SOURCES"], source]


def _view(form: MapFilterForm):
    return build_view(form.filters(), form.chosen_measure(), form.chosen_scope())


@bp.route("/")
def index():
    form = MapFilterForm()
    view = _view(form)
    return render_template(
        "map/index.html",
        form=form,
        view=view,
        parts=render_map(view),
        legend=area_legend(view.measure),
        line_legend=line_legend(),
        attribution=ATTRIBUTION,
        scopes=list(Scope),
        base_map_credit=base_map_credit(),
    )


@bp.route("/mapa.png")
def png():
    """The current view as a PNG image, for reports and printing."""
    form = MapFilterForm()
    name = f"{exports.file_name(form)}.png"
    return file_response(exports.map_png(_view(form)), name, "image/png", inline=True)


@bp.route("/mapa.geojson")
def geojson():
    """The current view as GeoJSON (one feature per place drawn), for QGIS and other GIS."""
    form = MapFilterForm()
    name = f"{exports.file_name(form)}.geojson"
    return file_response(exports.map_geojson(_view(form)), name, "application/geo+json")
