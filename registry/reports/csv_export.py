"""The quarterly report as one CSV file.

A CSV holds one table, and the report's sections have different shapes, so every row carries
its section in the first column ("Sección") and the columns are the union of what the sections
need; a row leaves empty what its section lacks:

    Sección; Clave o folio; Tipo; Nombre o título; Estatus; Fecha; Otras fechas; Contrapartes;
    Claves INEGI; Cantidad; Meta anual; Porcentaje; Cantidad en el año; Porcentaje en el año

Sections, in order: Periodo, Indicadores, Instrumentos formalizados, Instrumentos en proceso,
Reuniones, Reuniones por tipo, Municipios ZMO vinculados. Dates are ISO (2025-04-08), which
spreadsheets read unambiguously; percentages are plain numbers (20.0). Comma-separated, quoted
by the csv module where needed, UTF-8 with a byte-order mark so Excel shows the accents. A cell
starting with "=", "+", "-" or "@" gets a leading apostrophe so a spreadsheet never runs it.
"""

from __future__ import annotations

import csv
import io
from datetime import date

from flask_babel import gettext as _

from registry.agreements.models import AgreementKind
from registry.agreements.status import Status
from registry.filters import code_label, trimestre
from registry.meetings.models import MeetingKind
from registry.reports.tables import cvegeos, formalized_value, names, pending

COLUMNS = [
    "section",
    "key",
    "kind",
    "name",
    "status",
    "date",
    "other_dates",
    "parties",
    "cvegeos",
    "count",
    "goal",
    "percent",
    "count_year",
    "percent_year",
]
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def headers() -> list[str]:
    return [
        _("Sección"),
        _("Clave o folio"),
        _("Tipo"),
        _("Nombre o título"),
        _("Estatus"),
        _("Fecha"),
        _("Otras fechas"),
        _("Contrapartes"),
        _("Claves INEGI"),
        _("Cantidad"),
        _("Meta anual"),
        _("Porcentaje"),
        _("Cantidad en el año"),
        _("Porcentaje en el año"),
    ]


def rows(report: dict) -> list[dict]:
    """Every row of the file, as {column: value}."""
    period = {
        "section": _("Periodo"),
        "key": f"{report['year']}-T{report['quarter']}",
        "name": trimestre(report["quarter"], report["year"]),
        "date": report["start"],
        "other_dates": report["end"],
    }
    result = [period]
    for row in report["indicators"]:
        result.append(
            {
                "section": _("Indicadores"),
                "key": row["code"],
                "name": row["name"],
                "count": row["achieved"],
                "goal": row["goal"],
                "percent": row["percent"],
                "count_year": row["achieved_year"],
                "percent_year": row["percent_year"],
            }
        )
    for section, agreements in (
        (_("Instrumentos formalizados"), report["formalized"]),
        (_("Instrumentos en proceso"), report["in_progress"]),
    ):
        result += [_agreement(section, row) for row in agreements]
    result += [_meeting(row) for row in report["meetings"]]
    result += [
        {
            "section": _("Reuniones por tipo"),
            "key": kind,
            "kind": code_label(kind, MeetingKind),
            "count": count,
        }
        for kind, count in report["meetings_by_kind"].items()
    ]
    result += [
        {"section": _("Municipios ZMO vinculados"), "key": row["cvegeo"], "name": row["name"]}
        for row in report["zmo_municipalities_engaged"]
    ]
    return result


def _agreement(section: str, row: dict) -> dict:
    return {
        "section": section,
        "key": row["folio"],
        "kind": code_label(row["kind"], AgreementKind),
        "name": row["title"],
        "status": code_label(row["status"], Status),
        "date": _formalized(row),
        "parties": " — ".join(part for part in (names(row["parties"]), pending(row)) if part),
        "cvegeos": cvegeos(row["parties"]),
    }


def _formalized(row: dict) -> str | None:
    """ISO when the day is known; otherwise the date as precise as it is."""
    value = formalized_value(row)
    return value.isoformat() if isinstance(value, date) else value


def _meeting(row: dict) -> dict:
    return {
        "section": _("Reuniones"),
        "key": row["folio"],
        "kind": code_label(row["kind"], MeetingKind),
        "name": row["title"],
        "date": row["dates"][0] if row["dates"] else None,
        "other_dates": "; ".join(row["dates"][1:]),
        "parties": names(row["parties"]),
        "cvegeos": cvegeos(row["parties"]),
    }


def safe(value) -> str:
    if value is None:
        return ""
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(report: dict) -> bytes:
    """The file's bytes: UTF-8 with BOM, CRLF line ends (the csv module's default)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers())
    for row in rows(report):
        writer.writerow([safe(row.get(column)) for column in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")
