"""How the map colours things: one palette for the page, the PNG and the GeoJSON.

Pure Python (no request, no database). Colours were chosen to read on a plain light background
(the intranet has no base map) and to stay apart for the common colour-vision deficiencies:
greens for formalized agreements, amber/orange for those in progress, greys for the ended ones.
"""

from __future__ import annotations

from dataclasses import dataclass

from registry.agreements.status import Status
from registry.codes import CodeEnum, labelled
from registry.i18n import lazy_gettext as _l
from registry.map.queries import ADVANCE

#: INEGI's terms ask for the source, and for saying the data were modified.
ATTRIBUTION = _l(
    "Fuente: INEGI, Marco Geoestadístico; SEDATU–CONAPO–INEGI, delimitación de zonas "
    "metropolitanas. Datos modificados: límites simplificados por el Municipio de Oaxaca de "
    "Juárez."
)

#: The same, short, in the map's corner (the page prints it in full under the map).
SHORT_ATTRIBUTION = _l("Límites: INEGI y SEDATU–CONAPO–INEGI, simplificados")

#: Oaxaca de Juárez ("us"): the institutional guinda.
US_COLOR = "#691c32"
#: A municipality with nothing under the filters.
NONE_COLOR = "#ffffff"
OUTLINE_COLOR = "#5c636a"
#: The meetings circles.
MEETINGS_COLOR = "#6a3d9a"

STATUS_COLORS = {
    Status.RATIFICADO: "#1b7837",
    Status.FIRMADO: "#5aae61",
    Status.NEGOCIACION: "#e08214",
    Status.INTENCION: "#f6c343",
    Status.CONCLUIDO: "#8c8c8c",
    Status.CANCELADO: "#c8c8c8",
}

#: Lines to the partners: dashed while in progress, solid once formalized, grey once ended.
LINE_GREY = "#8c8c8c"
DASHED = "8 6"

#: The "actividad" colouring: agreements + meetings, in fixed classes so that two periods or
#: two filters compare at a glance. (lowest count of the class, colour)
ACTIVITY_CLASSES = (
    (0, NONE_COLOR),
    (1, "#deebf7"),
    (2, "#9ecae1"),
    (4, "#4292c6"),
    (8, "#2171b5"),
    (16, "#08306b"),
)


class Measure(CodeEnum):
    """What the municipalities' colour says; the user picks it."""

    STATUS = "estatus"
    ACTIVITY = "actividad"


MEASURE_LABELS = labelled(
    Measure,
    {
        Measure.STATUS: _l("Estatus más avanzado"),
        Measure.ACTIVITY: _l("Número de instrumentos y reuniones"),
    },
)


@dataclass(frozen=True)
class LegendEntry:
    color: str
    label: str
    #: "area" (a filled swatch) or "line"/"dashed" (a line sample) or "circle".
    sample: str = "area"


def status_color(status: Status | None) -> str:
    return STATUS_COLORS[status] if status else NONE_COLOR


def activity_color(count: int) -> str:
    """The colour of the class ``count`` falls in (see :data:`ACTIVITY_CLASSES`)."""
    color = NONE_COLOR
    for lowest, class_color in ACTIVITY_CLASSES:
        if count >= lowest:
            color = class_color
    return color


def line_style(status: Status) -> dict:
    """Leaflet path options of the line from Oaxaca de Juárez to a partner."""
    if status in (Status.CONCLUIDO, Status.CANCELADO):
        return {"color": LINE_GREY, "weight": 2, "opacity": 0.9}
    style = {"color": STATUS_COLORS[status], "weight": 3, "opacity": 0.95}
    if status in (Status.INTENCION, Status.NEGOCIACION):
        style["dashArray"] = DASHED
    return style


def activity_label(index: int) -> str:
    """'0', '1', '2–3', …, '16 o más' for the class at ``index``."""
    lowest = ACTIVITY_CLASSES[index][0]
    if index == len(ACTIVITY_CLASSES) - 1:
        return str(_l("%(count)s o más", count=lowest))
    highest = ACTIVITY_CLASSES[index + 1][0] - 1
    return str(lowest) if lowest == highest else f"{lowest}–{highest}"


def area_legend(measure: Measure) -> list[LegendEntry]:
    """The municipalities' colours and what they mean."""
    entries = [LegendEntry(US_COLOR, str(_l("Oaxaca de Juárez (nuestro municipio)")))]
    if measure == Measure.STATUS:
        entries += [LegendEntry(STATUS_COLORS[status], status.label) for status in ADVANCE]
        entries.append(LegendEntry(NONE_COLOR, str(_l("Sin instrumentos"))))
    else:
        entries += [
            LegendEntry(color, activity_label(index))
            for index, (_lowest, color) in enumerate(ACTIVITY_CLASSES)
        ]
    return entries


def line_legend() -> list[LegendEntry]:
    """The lines to partners outside the ZMO."""
    return [
        LegendEntry(STATUS_COLORS[Status.INTENCION], str(_l("Intención o negociación")), "dashed"),
        LegendEntry(STATUS_COLORS[Status.FIRMADO], str(_l("Firmado o ratificado")), "line"),
        LegendEntry(LINE_GREY, str(_l("Concluido o cancelado")), "line"),
        LegendEntry(MEETINGS_COLOR, str(_l("Reuniones (el tamaño crece con el número)")), "circle"),
    ]
