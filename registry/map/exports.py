"""The current map view as a PNG image (reports, printing) and as GeoJSON (QGIS and other GIS).

Both come from the same :class:`MapView` as the page and read the cached geometry: the PNG from
``parties.layers.municipalities_frame``, the GeoJSON by splicing the cached geometry texts.
matplotlib is imported only when a PNG is asked for (Agg backend, no pyplot: thread-safe).
"""

from __future__ import annotations

import io
import json
import textwrap
from typing import TYPE_CHECKING

from flask_babel import gettext as _

from registry.extensions import db
from registry.filters import trimestre
from registry.map import style
from registry.map.contents import MapView, Place, Scope
from registry.parties import layers
from registry.topics.models import Topic

if TYPE_CHECKING:
    from matplotlib.artist import Artist  # imported only when a map is drawn

PNG_SIZE_IN, PNG_DPI = (11.0, 8.5), 120
#: Characters per line of the subtitle (8.5 pt across the image's width).
SUBTITLE_WIDTH = 165


def file_name(form) -> str:
    """ "mapa-contrapartes", plus the period when there is one ("-2025-t2")."""
    filters = form.filters()
    name = "mapa-contrapartes"
    if filters.year:
        name += f"-{filters.year}" + (f"-t{filters.quarter}" if filters.quarter else "")
    return name


def title(view: MapView) -> str:
    """The image's title: whose map, and for which period."""
    filters = view.filters
    if filters.year and filters.quarter:
        period = trimestre(filters.quarter, filters.year)
    elif filters.year:
        period = str(filters.year)
    else:
        period = _("estatus actual")
    return _("Contrapartes del Municipio de Oaxaca de Juárez — %(period)s", period=period)


# GeoJSON ---------------------------------------------------------------------------------------


def place_properties(place: Place, view: MapView) -> dict:
    """What a GIS user gets for each place: who, where, and the relationship under the filters."""
    relation = place.relation
    status = relation.status
    return {
        "cvegeo": relation.cvegeo,
        "name": relation.name,
        "kind": str(relation.kind),
        "state": relation.state,
        "country": relation.country,
        "zmo": place.in_zmo,
        "is_self": place.is_us,
        "status": str(status) if status else None,
        "status_label": status.label if status else None,
        "agreements": relation.agreement_count,
        "meetings": relation.meeting_count,
        "activity": relation.activity,
        "color": view.fill_color(place),
        "party_id": relation.party_id,
    }


def map_geojson(view: MapView) -> bytes:
    """One feature per place drawn (the ZMO's municipalities and the partners), EPSG:4326."""
    features = [
        '{"type":"Feature","properties":'
        + json.dumps(place_properties(place, view), ensure_ascii=False, separators=(",", ":"))
        + ',"geometry":'
        + place.geometry
        + "}"
        for place in view.places
    ]
    return layers.feature_collection(features)


# PNG -------------------------------------------------------------------------------------------


def map_png(view: MapView) -> bytes:
    """The view drawn with geopandas/matplotlib: shapes, lines, names, legend and source."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    figure = Figure(figsize=PNG_SIZE_IN, dpi=PNG_DPI)
    FigureCanvasAgg(figure)
    axes = figure.add_axes((0.01, 0.08, 0.70, 0.78))
    _draw_places(axes, view)
    _draw_labels(axes, view)
    _frame(axes, view)
    figure.legend(
        handles=_legend_handles(view),
        loc="center left",
        bbox_to_anchor=(0.72, 0.5),
        fontsize=8,
        title=view.measure.label,
        title_fontsize=9,
        frameon=False,
    )
    # parse_math=False wherever users' text goes (names, topics): matplotlib would read "$…$" in
    # it as TeX, and a party named "$\frac{$" broke the image for everyone. matplotlib's own
    # wrapping measures the text as TeX regardless, so the subtitle is wrapped here.
    figure.text(0.02, 0.95, title(view), fontsize=14, fontweight="bold", va="top", parse_math=False)
    figure.text(
        0.02,
        0.905,
        textwrap.fill(subtitle(view), SUBTITLE_WIDTH),
        fontsize=8.5,
        color="#343a40",
        va="top",
        parse_math=False,
    )
    figure.text(0.02, 0.02, str(style.ATTRIBUTION), fontsize=7, color="#495057", wrap=True)
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", facecolor="#ffffff")
    return buffer.getvalue()


def subtitle(view: MapView) -> str:
    """The filters in words, then what the colours mean."""
    filters = view.filters
    parts = []
    if filters.kind:
        parts.append(_("Tipo: %(kind)s", kind=filters.kind.label))
    if filters.status:
        parts.append(_("Estatus: %(status)s", status=filters.status.label))
    if filters.topic_id and (topic := db.session.get(Topic, filters.topic_id)):
        parts.append(_("Tema: %(topic)s", topic=topic.name))
    return " · ".join([*parts, view.explanation()])


def _draw_places(axes, view: MapView) -> None:
    frame = layers.municipalities_frame(place.relation.cvegeo for place in view.municipalities)
    colors = {place.relation.cvegeo: view.fill_color(place) for place in view.municipalities}
    areas = frame[frame.geom_type.isin(("Polygon", "MultiPolygon"))]
    if not areas.empty:
        areas.plot(
            ax=axes,
            color=[colors[code] for code in areas.index],
            edgecolor=style.OUTLINE_COLOR,
            linewidth=0.6,
        )
    points = [place for place in view.municipalities if not place.is_area]
    _scatter(axes, points, [view.fill_color(place) for place in points], size=60)
    if view.scope == Scope.NATIONAL and view.us is not None:
        _draw_partners(axes, view, view.us.point)


def _draw_partners(axes, view: MapView, us: tuple[float, float]) -> None:
    partners = [place for place in view.partners if place.relation.status]
    for place in partners:
        status = place.relation.status
        if status is None:  # (none is: partners without a status are left out just above)
            continue
        line = style.line_style(status)
        axes.plot(
            [us[1], place.point[1]],
            [us[0], place.point[0]],
            color=line["color"],
            linewidth=line["weight"] * 0.8,
            linestyle="--" if "dashArray" in line else "-",
            zorder=2,
        )
    _scatter(axes, partners, [style.status_color(p.relation.status) for p in partners], size=70)


def _scatter(axes, places: list[Place], colors: list[str], size: float) -> None:
    if places:
        axes.scatter(
            [place.point[1] for place in places],
            [place.point[0] for place in places],
            c=colors,
            s=size,
            edgecolors="#343a40",
            linewidths=0.8,
            zorder=3,
        )


def _draw_labels(axes, view: MapView) -> None:
    """Every ZMO name in the metropolitan view; "us" and the partners, beside their point,
    in the national one (the ZMO is a dot at that scale)."""
    from matplotlib import patheffects

    halo = [patheffects.withStroke(linewidth=2.5, foreground="#ffffff")]
    national = view.scope == Scope.NATIONAL
    places = [view.us, *view.partners] if national and view.us else view.municipalities
    for place in places:
        axes.annotate(
            place.name,
            (place.point[1], place.point[0]),
            xytext=(0, 8 if national else 0),
            textcoords="offset points",
            ha="center",
            va="bottom" if national else "center",
            fontsize=8 if place.is_us or national else 6,
            fontweight="bold" if place.is_us else "normal",
            path_effects=halo,
            zorder=4,
            parse_math=False,
        )


def _frame(axes, view: MapView) -> None:
    """Fit the view's bounds, with degrees of longitude shortened as at that latitude."""
    import math

    axes.set_axis_off()
    bounds = view.bounds
    if bounds is None:
        return
    (south, west), (north, east) = bounds
    pad_x, pad_y = max((east - west) * 0.06, 0.02), max((north - south) * 0.06, 0.02)
    axes.set_xlim(west - pad_x, east + pad_x)
    axes.set_ylim(south - pad_y, north + pad_y)
    axes.set_aspect(1 / math.cos(math.radians((south + north) / 2)))


def _legend_handles(view: MapView) -> list[Artist]:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    handles: list[Artist] = [
        Patch(facecolor=entry.color, edgecolor=style.OUTLINE_COLOR, label=entry.label)
        for entry in style.area_legend(view.measure)
    ]
    if view.scope == Scope.NATIONAL:
        handles += [
            Line2D(
                [],
                [],
                color=entry.color,
                linestyle="--" if entry.sample == "dashed" else "-",
                label=entry.label,
            )
            for entry in style.line_legend()
            if entry.sample != "circle"
        ]
    return handles
