"""Reading INEGI's municipal layer (Marco Geoestadístico) and checking its attributes.

Accepts a shapefile, a zipped shapefile (the ``.shp`` may sit in a folder of the zip, as in
INEGI's ``conjunto_de_datos/``), GeoJSON or GeoPackage, in any CRS. Every problem is a
``DomainError`` with one readable Spanish line; nothing here touches the database.
geopandas is imported inside the functions so that the app starts without it.
"""

from __future__ import annotations

import math
import re
import warnings
import zipfile
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from flask_babel import gettext as _

from registry.errors import DomainError
from registry.parties.states import STATES

if TYPE_CHECKING:
    import geopandas

SUFFIXES = (".shp", ".zip", ".geojson", ".json", ".gpkg")
POPULATION_COLUMNS = ("POB2020", "POBTOT", "POB_TOT", "POBLACION", "POB")
_POPULATION_YEAR = re.compile(r"^POB(\d{4})$")
#: How many offending rows an error message names before "…".
SHOWN = 5


@dataclass(frozen=True)
class KeyColumns:
    """The layer's own names of the columns the import reads (None when absent)."""

    cvegeo: str | None
    state: str | None
    municipality: str | None
    name: str
    population: str | None


def read_layer(path: str | Path, crs: str | None = None) -> geopandas.GeoDataFrame:
    """The file's municipal layer as a GeoDataFrame with a CRS (``crs`` if the file has none)."""
    import geopandas

    path = Path(path)
    source, layer = _source(path)
    try:
        with warnings.catch_warnings():  # GDAL's notes; what matters is checked below
            warnings.simplefilter("ignore")
            frame = geopandas.read_file(source, layer=layer, engine="pyogrio")
    except Exception as error:  # pyogrio/GDAL raise several kinds; all mean "unreadable"
        raise DomainError(
            _(
                "No se pudo leer «%(file)s» como capa geográfica: %(reason)s",
                file=path.name,
                reason=one_line(error),
            )
        ) from None
    if len(frame) == 0:
        raise DomainError(
            _("La capa de «%(file)s» está vacía: no tiene municipios.", file=path.name)
        )
    return _with_crs(frame, crs, path.name)


def _source(path: Path) -> tuple[str, str | None]:
    """What to hand GDAL for ``path``, and which layer to read."""
    if not path.is_file():
        raise DomainError(_("No existe el archivo «%(path)s».", path=str(path)))
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise DomainError(
            _(
                "Formato no admitido: «%(file)s». Use un shapefile (.shp o .zip), GeoJSON o "
                "GeoPackage (.gpkg).",
                file=path.name,
            )
        )
    if suffix == ".zip":
        return f"/vsizip/{path.resolve()}/{_shapefile_in_zip(path)}", None
    if suffix == ".gpkg":
        return str(path), _polygon_layer(path)
    return str(path), None


def _shapefile_in_zip(path: Path) -> str:
    """The municipal ``.shp`` inside the zip: the only one, or the one named ``…mun.shp``."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = [name for name in archive.namelist() if name.lower().endswith(".shp")]
    except zipfile.BadZipFile:
        raise DomainError(_("«%(file)s» no es un archivo ZIP válido.", file=path.name)) from None
    if len(names) > 1:
        names = [name for name in names if name.lower().endswith("mun.shp")] or names
    if len(names) != 1:
        found = ", ".join(names) if names else _("ninguno")
        raise DomainError(
            _(
                "«%(file)s» debe contener un solo shapefile de municipios (…mun.shp); tiene: "
                "%(found)s.",
                file=path.name,
                found=found,
            )
        )
    return names[0]


def _polygon_layer(path: Path) -> str | None:
    """The GeoPackage layer to read: its only polygon layer, or the one whose name has 'mun'."""
    import pyogrio

    try:
        layers = pyogrio.list_layers(path)
    except Exception as error:
        raise DomainError(
            _(
                "No se pudo leer «%(file)s» como GeoPackage: %(reason)s",
                file=path.name,
                reason=one_line(error),
            )
        ) from None
    polygons = [str(name) for name, kind in layers if kind and "polygon" in str(kind).lower()]
    if len(polygons) > 1:
        polygons = [name for name in polygons if "mun" in name.lower()] or polygons
    if len(polygons) != 1:
        raise DomainError(
            _(
                "«%(file)s» debe tener una sola capa de polígonos municipales; tiene: %(found)s.",
                file=path.name,
                found=", ".join(polygons) or _("ninguna"),
            )
        )
    return polygons[0]


def _with_crs(frame, crs: str | None, file_name: str):
    if frame.crs is not None:
        return frame
    if not crs:
        raise DomainError(
            _(
                "La capa de «%(file)s» no declara su sistema de coordenadas (falta el .prj); "
                "indíquelo con --crs (INEGI usa EPSG:6372).",
                file=file_name,
            )
        )
    try:
        return frame.set_crs(crs)
    except Exception as error:
        raise DomainError(
            _(
                "Sistema de coordenadas no válido «%(crs)s»: %(reason)s",
                crs=crs,
                reason=one_line(error),
            )
        ) from None


def key_columns(columns) -> KeyColumns:
    """Find the key columns whatever their case; say exactly which are missing otherwise."""
    by_upper = {str(column).upper(): str(column) for column in columns if column != "geometry"}
    cvegeo, name = by_upper.get("CVEGEO"), by_upper.get("NOMGEO")
    state, municipality = by_upper.get("CVE_ENT"), by_upper.get("CVE_MUN")
    missing = []
    if cvegeo is None and (state is None or municipality is None):
        missing.append(_("CVEGEO (o CVE_ENT y CVE_MUN)"))
    if name is None:
        missing.append("NOMGEO")
    if missing or name is None:
        raise DomainError(
            _(
                "Faltan columnas en la capa: %(missing)s. Columnas que tiene: %(found)s.",
                missing=", ".join(missing),
                found=", ".join(by_upper.values()) or _("ninguna"),
            )
        )
    return KeyColumns(cvegeo, state, municipality, name, _population_column(by_upper))


def _population_column(by_upper: dict[str, str]) -> str | None:
    """POB2020-style columns (the latest year first), then the usual census names."""
    years = sorted((int(m[1]), col) for col in by_upper if (m := _POPULATION_YEAR.match(col)))
    if years:
        return by_upper[years[-1][1]]
    return next((by_upper[col] for col in POPULATION_COLUMNS if col in by_upper), None)


def normalize_state(state: str | None) -> str | None:
    """'20' or '2' → '20'; refuses what is not an INEGI state key."""
    if state is None or str(state).strip() == "":
        return None
    code = _code(state, 2)
    if code not in STATES:
        raise DomainError(
            _(
                "«%(state)s» no es una clave de estado del INEGI (01 a 32; Oaxaca es 20).",
                state=state,
            )
        )
    return code


def cvegeo_values(frame, columns: KeyColumns) -> list[str | None]:
    """Each row's CVEGEO as 5 digits (leading zeros kept), or None where it is not valid."""
    if columns.cvegeo is not None:
        return [_code(value, 5) for value in frame[columns.cvegeo]]
    keys = zip(frame[columns.state], frame[columns.municipality], strict=True)
    return [_join(_code(ent, 2), _code(mun, 3)) for ent, mun in keys]


def municipality_rows(frame, columns: KeyColumns, state: str | None) -> list[dict]:
    """Validated (position, cvegeo, name, population) of the rows to import."""
    codes = cvegeo_values(frame, columns)
    bad = [str(i + 1) for i, code in enumerate(codes) if code is None or code[:2] not in STATES]
    if bad:
        raise DomainError(
            _(
                "Clave de municipio no válida (CVEGEO: 5 dígitos, estado 01 a 32) en los "
                "elementos %(rows)s.",
                rows=shown(bad),
            )
        )
    rows = [
        {"position": i, "cvegeo": code, "name": _name(frame, columns, i)}
        for i, code in enumerate(codes)
        if code is not None and (state is None or code[:2] == state)  # (no code is None here)
    ]
    if not rows:
        raise DomainError(
            _(
                "La capa no tiene municipios del estado %(code)s (%(name)s).",
                code=state,
                name=STATES[state] if state else "",  # (the layer has rows: a state left none)
            )
        )
    _refuse_duplicates(rows)
    _refuse_missing_names(rows)
    _add_population(rows, frame, columns.population)
    return rows


def _name(frame, columns: KeyColumns, position: int) -> str:
    value = frame[columns.name].iloc[position]
    return " ".join(str(value).split()) if isinstance(value, str) else ""


def _refuse_duplicates(rows: list[dict]) -> None:
    counts = Counter(row["cvegeo"] for row in rows)
    repeated = sorted(code for code, count in counts.items() if count > 1)
    if repeated:
        raise DomainError(_("CVEGEO repetida en la capa: %(codes)s.", codes=shown(repeated)))


def _refuse_missing_names(rows: list[dict]) -> None:
    nameless = [row["cvegeo"] for row in rows if not row["name"]]
    if nameless:
        raise DomainError(_("Municipios sin nombre (NOMGEO): %(codes)s.", codes=shown(nameless)))


def _add_population(rows: list[dict], frame, column: str | None) -> None:
    bad = []
    for row in rows:
        value = population_value(frame[column].iloc[row["position"]]) if column else None
        if isinstance(value, str):
            bad.append(f"{row['cvegeo']} («{value}»)")
        row["population"] = None if isinstance(value, str) else value
    if bad:
        raise DomainError(
            _(
                "Población no válida en la columna %(column)s: %(rows)s.",
                column=column,
                rows=shown(bad),
            )
        )


def _join(state: str | None, municipality: str | None) -> str | None:
    return state + municipality if state and municipality else None


def _code(value, width: int) -> str | None:
    """A numeric key as text with leading zeros ('2001' → '02001'); None if it is not one."""
    if _missing(value) or (isinstance(value, float) and not math.isfinite(value)):
        return None
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip()
    if not text.isdigit() or len(text) > width or not text.isascii():
        return None
    return text.zfill(width)


def population_value(value) -> int | None | str:
    """A population as int, None when absent, or the offending text when it is not a count."""
    if _missing(value):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if not number.is_integer() or number < 0:
        return str(value)
    return int(number)


def _missing(value) -> bool:
    """None, NaN or pandas' NA (an empty cell)."""
    import pandas

    return value is None or bool(pandas.isna(value))


def shown(items: list[str]) -> str:
    """The first few items of a list of offenders, joined, with '…' when there are more."""
    text = ", ".join(items[:SHOWN])
    return text + (", …" if len(items) > SHOWN else "")


def one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text[:300] or type(error).__name__
