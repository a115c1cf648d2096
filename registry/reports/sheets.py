"""Tables with typed columns, and the XLSX workbook they make (one sheet per table).

Both report spreadsheets (the quarterly report and the transparency export) describe their
content as ``Table`` objects; this module alone knows openpyxl. Cells keep their types: dates
are date cells shown dd/mm/aaaa, counts are integers, percentages are numbers shown with "%";
text is always text (a title starting with "=" never becomes a formula).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

DATE_FORMAT = "dd/mm/yyyy"
PERCENT_FORMAT = "0.0%"
INTEGER_FORMAT = "0"
MIN_WIDTH, MAX_WIDTH = 10, 60
HEADER_FILL = PatternFill("solid", fgColor="E9ECEF")


@dataclass(frozen=True)
class Column:
    header: str
    #: "text", "int", "date" or "percent" (a percentage 0–100, written as a fraction).
    kind: str = "text"


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[list[Any]] = field(default_factory=list)


def workbook_bytes(tables: list[Table], *, title: str = "") -> bytes:
    """An XLSX file with one sheet per table, header row frozen, columns sized."""
    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    workbook.properties.creator = "Registro Metropolitano"
    workbook.properties.title = title
    for table in tables:
        _write_sheet(workbook.create_sheet(table.title[:31]), table)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _write_sheet(sheet, table: Table) -> None:
    for number, column in enumerate(table.columns, 1):
        cell = sheet.cell(row=1, column=number, value=column.header)
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for row_number, row in enumerate(table.rows, 2):
        for number, (column, value) in enumerate(zip(table.columns, row, strict=True), 1):
            _write_cell(sheet.cell(row=row_number, column=number), column, value)
    sheet.freeze_panes = "A2"
    if table.rows:
        sheet.auto_filter.ref = sheet.dimensions
    for number, column in enumerate(table.columns, 1):
        longest = max(
            [_width_of(column.header) // 2 + 1, *(_width_of(row[number - 1]) for row in table.rows)]
        )
        width = min(max(longest + 2, MIN_WIDTH), MAX_WIDTH)
        sheet.column_dimensions[get_column_letter(number)].width = width


def _write_cell(cell, column: Column, value: Any) -> None:
    if value is None or value == "":
        return
    if column.kind == "percent":
        cell.value = value / 100
        cell.number_format = PERCENT_FORMAT
    elif isinstance(value, date | datetime):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
        cell.number_format = INTEGER_FORMAT
    else:
        cell.value = str(value)
        cell.data_type = "s"  # never a formula, whatever the text starts with
        if "\n" in cell.value or len(cell.value) > MAX_WIDTH:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _width_of(value: Any) -> int:
    if value is None:
        return 0
    if isinstance(value, date | datetime):
        return 10
    return max((len(line) for line in str(value).splitlines()), default=0)
