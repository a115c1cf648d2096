"""The quarterly report as tables with Spanish headers: the XLSX sheets and the CSV rows.

Built from the report data (``queries.quarterly_report``) alone, so the spreadsheet holds the
same rows as the JSON: one row per indicator, agreement, meeting and municipality, codes shown
by their Spanish labels, dates as dates, percentages as numbers.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from registry.agreements.models import AgreementKind
from registry.agreements.status import Status
from registry.filters import code_label, fecha_precisa, trimestre
from registry.meetings.models import MeetingKind
from registry.reports.sheets import Column, Table


def day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def names(parties: list[dict]) -> str:
    return "; ".join(party["name"] for party in parties)


def formalized_value(row: dict) -> date | str | None:
    """A row's formalization date: a date when its day is known, else as precise as it is
    ("2.º trimestre de 2025, día no indicado"), never an invented day."""
    precision = row.get("formalized_on_precision") or "day"
    if precision == "day":
        return day(row["formalized_on"])
    return fecha_precisa(row["formalized_on"], precision)


def pending(row: dict) -> str:
    """'Sin firma: Santa Cruz Xoxocotlán' for a formalized agreement some parties have not
    signed yet; empty otherwise."""
    missing = row.get("pending_signature") or []
    return _("Sin firma: %(names)s", names="; ".join(missing)) if missing else ""


def cvegeos(parties: list[dict]) -> str:
    return "; ".join(party["cvegeo"] for party in parties if party["cvegeo"])


def summary_table(report: dict) -> Table:
    rows = [
        [_("Periodo"), trimestre(report["quarter"], report["year"])],
        [_("Año"), report["year"]],
        [_("Trimestre"), report["quarter"]],
        [_("Inicio del periodo"), day(report["start"])],
        [_("Fin del periodo"), day(report["end"])],
        [_("Instrumentos formalizados"), len(report["formalized"])],
        [_("Instrumentos en proceso"), len(report["in_progress"])],
        [_("Reuniones y eventos"), len(report["meetings"])],
        *(
            [_("Reuniones: %(kind)s", kind=code_label(kind, MeetingKind)), count]
            for kind, count in report["meetings_by_kind"].items()
        ),
        [_("Municipios metropolitanos vinculados"), len(report["zmo_municipalities_engaged"])],
    ]
    return Table(_("Resumen"), [Column(_("Concepto")), Column(_("Valor"))], rows)


def indicators_table(report: dict) -> Table:
    columns = [
        Column(_("Clave")),
        Column(_("Indicador")),
        Column(_("En el trimestre"), "int"),
        Column(_("Meta anual"), "int"),
        Column(_("Nivel alcanzado"), "percent"),
        Column(_("Acumulado del año"), "int"),
        Column(_("Nivel acumulado del año"), "percent"),
    ]
    keys = ["code", "name", "achieved", "goal", "percent", "achieved_year", "percent_year"]
    rows = [[row[key] for key in keys] for row in report["indicators"]]
    return Table(_("Indicadores"), columns, rows)


def agreements_table(title: str, agreements: list[dict]) -> Table:
    columns = [
        Column(_("Folio")),
        Column(_("Tipo")),
        Column(_("Título")),
        Column(_("Estatus actual")),
        Column(_("Fecha de formalización"), "date"),
        Column(_("Contrapartes")),
        Column(_("Claves INEGI")),
        Column(_("Firmas pendientes")),
    ]
    rows = [
        [
            row["folio"],
            code_label(row["kind"], AgreementKind),
            row["title"],
            code_label(row["status"], Status),
            formalized_value(row),
            names(row["parties"]),
            cvegeos(row["parties"]),
            pending(row),
        ]
        for row in agreements
    ]
    return Table(title, columns, rows)


def meetings_table(report: dict) -> Table:
    columns = [
        Column(_("Folio")),
        Column(_("Tipo")),
        Column(_("Título")),
        Column(_("Fecha"), "date"),
        Column(_("Otras fechas")),
        Column(_("Contrapartes")),
        Column(_("Claves INEGI")),
    ]
    rows = [
        [
            row["folio"],
            code_label(row["kind"], MeetingKind),
            row["title"],
            day(row["dates"][0]) if row["dates"] else None,
            other_dates(row["dates"]),
            names(row["parties"]),
            cvegeos(row["parties"]),
        ]
        for row in report["meetings"]
    ]
    return Table(_("Reuniones"), columns, rows)


def other_dates(dates: list[str]) -> str:
    """The days after the first, dd/mm/aaaa, separated by ';'."""
    return "; ".join(date.fromisoformat(value).strftime("%d/%m/%Y") for value in dates[1:])


def municipalities_table(report: dict) -> Table:
    rows = [[row["cvegeo"], row["name"]] for row in report["zmo_municipalities_engaged"]]
    return Table(_("Municipios ZMO"), [Column(_("Clave INEGI")), Column(_("Municipio"))], rows)


def quarterly_tables(report: dict) -> list[Table]:
    """Resumen, Indicadores, Formalizados, En proceso, Reuniones, Municipios ZMO."""
    return [
        summary_table(report),
        indicators_table(report),
        agreements_table(_("Formalizados"), report["formalized"]),
        agreements_table(_("En proceso"), report["in_progress"]),
        meetings_table(report),
        municipalities_table(report),
    ]
