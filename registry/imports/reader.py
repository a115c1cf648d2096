"""Reading the workbook: is it an XLSX at all, are the sheets and headers there, the rows.

The file is checked by content, never by name: an XLSX is a zip archive (it starts ``PK``) that
openpyxl can open. Its uncompressed size is bounded before openpyxl inflates anything, so a
"zip bomb" is refused instead of filling the memory. Sheets and headers are matched ignoring
case, accents and surrounding spaces ("Título" is ``titulo``); columns may come in any order and
extra ones are ignored; rows with every known cell empty are skipped.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from typing import Any

import openpyxl
from flask_babel import gettext as _

from registry.imports.results import Issue
from registry.imports.spec import MAX_ROWS, SHEETS, headers
from registry.text import fold

ZIP_MAGIC = b"PK\x03\x04"
#: Old binary Excel (.xls) and other OLE2 files start with this.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0"
#: The most the archive may inflate to (a few thousand rows take a few MB).
MAX_UNCOMPRESSED_BYTES = 200 * 1024 * 1024


@dataclass(frozen=True)
class SheetRow:
    number: int  #: as Excel shows it
    values: dict[str, Any]  #: header → raw cell value (None when empty)


@dataclass
class Sheet:
    name: str
    rows: list[SheetRow]


def read_workbook(content: bytes) -> tuple[dict[str, Sheet], list[Issue]]:
    """The two sheets that could be read, and every problem with the file, sheets or headers."""
    problem = check_xlsx(content)
    if problem:
        return {}, [Issue(None, None, None, problem)]
    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # openpyxl raises many kinds (KeyError, InvalidFileException, XML errors…)
        return {}, [Issue(None, None, None, unreadable_message())]
    try:
        return _read_sheets(book)
    finally:
        book.close()


def check_xlsx(content: bytes) -> str | None:
    """Why ``content`` is not an XLSX workbook we accept, or None."""
    if not content:
        return _("El archivo está vacío.")
    if content.startswith(OLE2_MAGIC):
        return _(
            "El archivo es del formato antiguo de Excel (.xls): ábralo en Excel y guárdelo como "
            "«Libro de Excel (.xlsx)»."
        )
    if not content.startswith(ZIP_MAGIC):
        return unreadable_message()
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            members = archive.infolist()
    except zipfile.BadZipFile:
        return unreadable_message()
    if not any(member.filename == "xl/workbook.xml" for member in members):
        return unreadable_message()
    if sum(member.file_size for member in members) > MAX_UNCOMPRESSED_BYTES:
        return _("El libro es demasiado grande para importarlo de una vez; divídalo en partes.")
    return None


def unreadable_message() -> str:
    return _(
        "El archivo no es un libro de Excel (.xlsx) que se pueda leer (se revisa su contenido, "
        "no su nombre). Guárdelo en Excel como «Libro de Excel (.xlsx)»."
    )


def _read_sheets(book) -> tuple[dict[str, Sheet], list[Issue]]:
    by_key = {fold(name): name for name in book.sheetnames}
    sheets: dict[str, Sheet] = {}
    issues: list[Issue] = []
    for name in SHEETS:
        actual = by_key.get(fold(name))
        if actual is None:
            issues.append(Issue(name, None, None, _("Falta la hoja «%(name)s».", name=name)))
            continue
        sheet, sheet_issues = _read_sheet(book[actual], name)
        issues.extend(sheet_issues)
        if sheet is not None:
            sheets[name] = sheet
    return sheets, issues


def _read_sheet(worksheet, name: str) -> tuple[Sheet | None, list[Issue]]:
    rows = worksheet.iter_rows(values_only=True)
    first = next(rows, None) or ()
    positions, issues = _header_positions(first, name)
    if issues:
        return None, issues
    sheet = Sheet(name, [])
    for number, cells in enumerate(rows, start=2):
        values = {header: _cell(cells, index) for header, index in positions.items()}
        if all(_blank(value) for value in values.values()):
            continue
        if len(sheet.rows) == MAX_ROWS:
            message = _("La hoja tiene más de %(n)d filas; divídala en varios libros.", n=MAX_ROWS)
            return None, [Issue(name, None, None, message)]
        sheet.rows.append(SheetRow(number, values))
    return sheet, []


def _header_positions(first_row, name: str) -> tuple[dict[str, int], list[Issue]]:
    """Header → column index; an issue naming every missing (or repeated) header."""
    wanted = {fold(header): header for header in headers(name)}
    positions: dict[str, int] = {}
    issues: list[Issue] = []
    for index, cell in enumerate(first_row):
        header = wanted.get(fold(str(cell))) if cell is not None else None
        if header is None:
            continue  # an extra column
        if header in positions:
            message = _("La columna «%(h)s» aparece dos veces en los encabezados.", h=header)
            issues.append(Issue(name, 1, header, message))
        positions[header] = index
    missing = [header for header in headers(name) if header not in positions]
    if missing:
        message = _(
            "Faltan columnas en la fila de encabezados (fila 1): %(names)s. Use los encabezados "
            "de la plantilla.",
            names=", ".join(missing),
        )
        issues.append(Issue(name, 1, None, message))
    return positions, issues


def _cell(cells: tuple, index: int) -> Any:
    return cells[index] if index < len(cells) else None


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
