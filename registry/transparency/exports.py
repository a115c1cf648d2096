"""The transparency export: the agreements formalized in a quarter, one row each, in the column
layout an administrator arranged (``layout``), as an XLSX sheet.

Which agreements: those whose formalization date (first move to firmado or ratificado) falls in
the quarter, as the quarterly report's "formalized" list; the format publishes the convenios
celebrated in the period. Agreements still in negotiation are not convenios yet.
"""

from __future__ import annotations

from datetime import date

from registry.agreements.models import Agreement
from registry.dates import quarter_bounds, today_local
from registry.reports.queries import formalized_agreements
from registry.reports.sheets import Column, Table, workbook_bytes
from registry.settings.services import report_settings
from registry.transparency.layout import ColumnSpec, current_columns
from registry.transparency.sources import SOURCES, ExportContext

SHEET_TITLE = "Convenios"


def export_context(year: int, quarter: int, today: date | None = None) -> ExportContext:
    start, end = quarter_bounds(year, quarter)
    return ExportContext(
        year=year,
        quarter=quarter,
        start=start,
        end=end,
        today=today or today_local(),
        area=report_settings().transparency_area,
    )


def transparency_table(year: int, quarter: int, today: date | None = None) -> Table:
    """The quarter's agreements as rows of the current layout."""
    context = export_context(year, quarter, today)
    columns = current_columns()
    agreements = formalized_agreements(context.start, context.end)
    return Table(
        title=SHEET_TITLE,
        columns=[Column(spec.header) for spec in columns],
        rows=[row_of(agreement, columns, context) for agreement in agreements],
    )


def row_of(agreement: Agreement, columns: list[ColumnSpec], context: ExportContext) -> list:
    """One agreement's values, column by column (empty for a source this code does not know)."""
    return [
        source.read(agreement, context, spec.text) if (source := SOURCES.get(spec.source)) else None
        for spec in columns
    ]


def transparency_xlsx(year: int, quarter: int, today: date | None = None) -> bytes:
    """The export file."""
    return table_xlsx(transparency_table(year, quarter, today), year, quarter)


def table_xlsx(table: Table, year: int, quarter: int) -> bytes:
    return workbook_bytes([table], title=f"Convenios {year} T{quarter} (Art. 70 fr. XXXIII)")


def file_name(year: int, quarter: int) -> str:
    return f"transparencia-convenios-{year}-T{quarter}.xlsx"
