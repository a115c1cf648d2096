"""Reading the workbook: is it an XLSX at all, are the sheets and headers there, the rows.

The file is checked by content, never by name: an XLSX is a zip archive (it starts ``PK``) that
openpyxl can open. Its uncompressed size is bounded before openpyxl inflates anything, so a
"zip bomb" is refused instead of filling the memory. Sheets and headers are matched ignoring
case, accents and surrounding spaces ("Título" is ``titulo``); columns may come in any order and
extra ones are ignored; rows with every known cell empty are skipped.

A sheet's extent is checked before its rows are read, and blank rows count: a sheet that reaches
past row ``MAX_ROWS + 1`` (the headers and 10,000 rows) is refused, whether its size says so
(the ``dimension`` Excel writes) or its rows do, so one stray cell on row 1,000,000 is refused at
once instead of making the reader walk a million empty rows. The check streams each sheet's XML
from the archive before openpyxl opens the workbook (openpyxl itself would walk a whole sheet
that has no ``dimension`` to find its size) and stops at the first row past the limit; the rows
are counted again as they are read. Only the columns up to the last known header are read, so a
stray cell in column XFD does not widen every row either.
"""

from __future__ import annotations

import html
import io
import re
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
    oversized = oversized_sheet(content)
    if oversized is not None:
        return {}, [oversized]
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


_DIMENSION = re.compile(rb"<(?:\w+:)?dimension\b[^>]*?\bref=\"[A-Za-z]*(\d+)(?::[A-Za-z]*(\d+))?\"")
_ROW = re.compile(rb"<(?:\w+:)?row\b([^>]*)>")
_ROW_NUMBER = re.compile(rb"\br=\"(\d+)\"")
_CHUNK = 256 * 1024
_SHEET = re.compile(r"<(?:\w+:)?sheet\b[^>]*>")
_RELATIONSHIP = re.compile(r"<(?:\w+:)?Relationship\b[^>]*>")
_ATTRIBUTE_NAME = re.compile(r'\bname="([^"]*)"')
_ATTRIBUTE_RID = re.compile(r'\b\w+:id="([^"]*)"')
_ATTRIBUTE_ID = re.compile(r'\bId="([^"]*)"')
_ATTRIBUTE_TARGET = re.compile(r'\bTarget="([^"]*)"')


def oversized_sheet(content: bytes) -> Issue | None:
    """The refusal of the first sheet that reaches past row ``MAX_ROWS + 1``, or None.

    Streams each sheet's XML once, up to the first row past the limit: by its dimension, by a
    row's number (``r``), or by the count of rows when they carry no number.
    """
    last_row = MAX_ROWS + 1
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        for name, path in _sheet_paths(archive).items():
            try:
                extent = _extent(archive, path, last_row)
            except KeyError:
                continue  # a sheet the workbook lists but does not hold: openpyxl will say
            if extent is not None:
                return _too_long(name, extent)
    return None


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Each sheet's name → its XML file inside the archive (read with patterns, not an XML
    parser: nothing in these two small index files is expanded)."""
    try:
        book = archive.read("xl/workbook.xml").decode("utf-8", "replace")
        rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except KeyError:
        return {}
    targets = {}
    for tag in _RELATIONSHIP.findall(rels):
        ident, target = _ATTRIBUTE_ID.search(tag), _ATTRIBUTE_TARGET.search(tag)
        if ident and target:
            targets[ident.group(1)] = html.unescape(target.group(1)).lstrip("/")
    paths = {}
    for tag in _SHEET.findall(book):
        name, ident = _ATTRIBUTE_NAME.search(tag), _ATTRIBUTE_RID.search(tag)
        if name and ident and ident.group(1) in targets:
            member = targets[ident.group(1)]
            paths[html.unescape(name.group(1))] = (
                member if member.startswith("xl/") else f"xl/{member}"
            )
    return paths


def _extent(archive: zipfile.ZipFile, path: str, last_row: int) -> int | None:
    """The row the sheet reaches, if past ``last_row`` (None when within it)."""
    rows, tail = 0, b""
    with archive.open(path) as stream:
        while chunk := stream.read(_CHUNK):
            text = tail + chunk
            if rows == 0 and (dimension := _DIMENSION.search(text)):
                reach = int(dimension.group(2) or dimension.group(1))
                if reach > last_row:
                    return reach
            cut = text.rfind(b"<")  # a tag split between chunks is read with the next one
            complete, tail = (text[:cut], text[cut:]) if cut > 0 else (text, b"")
            for row in _ROW.finditer(complete):
                number = _ROW_NUMBER.search(row.group(1))
                rows = int(number.group(1)) if number else rows + 1
                if rows > last_row:
                    return rows
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
    last_row = MAX_ROWS + 1  # the headers, then the rows
    extent = worksheet.max_row  # from the sheet's dimension, when it has one
    if extent is not None and extent > last_row:
        return None, [_too_long(name, extent)]
    worksheet.reset_dimensions()  # read what is there, not what the dimension claims
    first = next(worksheet.iter_rows(min_row=1, max_row=1, values_only=True), None) or ()
    positions, issues = _header_positions(first, name)
    if issues:
        return None, issues
    rows = worksheet.iter_rows(min_row=2, max_col=max(positions.values()) + 1, values_only=True)
    sheet = Sheet(name, [])
    for number, cells in enumerate(rows, start=2):
        if number > last_row:  # blank rows count: they cost reading time all the same
            return None, [_too_long(name, None)]
        values = {header: _cell(cells, index) for header, index in positions.items()}
        if all(_blank(value) for value in values.values()):
            continue
        sheet.rows.append(SheetRow(number, values))
    return sheet, []


def _too_long(name: str, extent: int | None) -> Issue:
    if extent is None:
        message = _(
            "La hoja pasa de %(n)d filas (las filas vacías entre los datos también cuentan); "
            "borre las filas de más o divídala en varios libros.",
            n=MAX_ROWS,
        )
    else:
        message = _(
            "La hoja llega hasta la fila %(last)d y se admiten %(n)d filas (las filas vacías "
            "también cuentan): borre las filas y celdas de más debajo de los datos, o divídala "
            "en varios libros.",
            last=extent,
            n=MAX_ROWS,
        )
    return Issue(name, None, None, message)


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
