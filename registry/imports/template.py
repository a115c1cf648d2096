"""The blank template the unit fills: both sheets, their headers, and one example row each.

Each header carries its description as a cell comment; ``tipo`` and ``estatus`` offer their
codes as a drop-down list. The example rows are the seed's own records (the Ensenada letter of
intent and the 15/22 May joint inspection with San Jacinto Amilpas), taken from the demo loaders
so they never drift from them, and set apart in grey italics with a comment saying so.
"""

from __future__ import annotations

import io

from flask_babel import gettext as _
from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from registry.agreements.models import AgreementKind
from registry.agreements.status import Status
from registry.imports.spec import (
    AGREEMENTS,
    COLUMNS,
    DATE_COLUMN_OF,
    LIST_SEPARATOR,
    MEETINGS,
)
from registry.meetings.models import MeetingKind, MeetingState

AUTHOR = "Registro Metropolitano"
HEADER_FILL = PatternFill("solid", fgColor="DDE7F0")
EXAMPLE_FILL = PatternFill("solid", fgColor="F2F2F2")
EXAMPLE_FONT = Font(italic=True, color="595959")
#: Columns kept as text, so Excel neither drops the leading zero of 02001 nor reads 12.10 as 12.1.
TEXT_COLUMNS = frozenset({"folio", "contrapartes", "participantes", "oficio", "indicador"})
DATE_FORMAT = "yyyy-mm-dd"
#: Rows of the sheet offered the drop-down lists.
VALIDATED_ROWS = 2000
SEPARATOR = f"{LIST_SEPARATOR} "


def agreement_example() -> dict:
    """The Ensenada letter of intent, as the demo records it."""
    from registry.agreements.demo import SEED_AGREEMENTS

    seed = next(seed for seed in SEED_AGREEMENTS if seed["cvegeo"] == "02001")
    status, acted_on, _note, _precision = seed["status"]
    return {
        "folio": seed["folio"],
        "tipo": AgreementKind.HERMANAMIENTO.value,
        "titulo": seed["title"],
        "objetivo": seed["objective"],
        "temas": SEPARATOR.join(seed["topics"]),
        "contrapartes": seed["cvegeo"],
        "estatus": status.value,
        DATE_COLUMN_OF[status]: acted_on,
        "oficio": SEPARATOR.join(d.number for d in seed["documents"] if d.number),
    }


def meeting_example() -> dict:
    """The joint inspection of 15 and 22 May 2025, as the demo records it."""
    from registry.meetings.demo import SEED_MEETINGS

    row = next(row for row in SEED_MEETINGS if row[1] == MeetingKind.RECORRIDO)
    folio, kind, dates, indicator, title, description, parties, topics, place, _people = row
    return {
        "folio": folio,
        "tipo": kind.value,
        "titulo": title,
        "fechas": SEPARATOR.join(day.isoformat() for day in dates),
        "estado": MeetingState.REALIZADA.value,
        "lugar": place,
        "participantes": SEPARATOR.join(parties),
        "temas": SEPARATOR.join(topics),
        "descripcion": description,
        "indicador": indicator,
    }


def build_template() -> bytes:
    """The template workbook, as XLSX bytes."""
    book = Workbook()
    book.remove(book.worksheets[0])  # the empty sheet a new workbook starts with
    _sheet(
        book,
        AGREEMENTS,
        agreement_example(),
        {"tipo": list(AgreementKind), "estatus": list(Status)},
    )
    _sheet(
        book,
        MEETINGS,
        meeting_example(),
        {"tipo": list(MeetingKind), "estado": list(MeetingState)},
    )
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _sheet(book: Workbook, name: str, example: dict, choices: dict[str, list]) -> None:
    sheet = book.create_sheet(name)
    columns = COLUMNS[name]
    sheet.append([column.header for column in columns])
    sheet.append([example.get(column.header) for column in columns])
    note = _(
        "Fila de ejemplo, tomada del informe del 2.º trimestre de 2025. Sustitúyala por sus "
        "datos o bórrela: si la deja, también se importa."
    )
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        header = sheet.cell(row=1, column=index)
        header.font, header.fill = Font(bold=True), HEADER_FILL
        header.comment = _comment(str(column.description))
        cell = sheet.cell(row=2, column=index)
        cell.font, cell.fill = EXAMPLE_FONT, EXAMPLE_FILL
        cell.alignment = Alignment(vertical="top")
        dimension = sheet.column_dimensions[letter]
        dimension.width = column.width
        if column.header.startswith(("fecha_", "vigencia_")):
            cell.number_format = dimension.number_format = DATE_FORMAT
        elif column.header in TEXT_COLUMNS:
            cell.number_format = dimension.number_format = "@"
        if column.header in choices:
            _drop_down(sheet, letter, choices[column.header])
    sheet.cell(row=2, column=1).comment = _comment(note)
    sheet.freeze_panes = "B2"


def _comment(text: str) -> Comment:
    comment = Comment(text, AUTHOR)
    comment.width, comment.height = 300, 120
    return comment


def _drop_down(sheet, letter: str, members: list) -> None:
    codes = ",".join(member.value for member in members)
    validation = DataValidation(type="list", formula1=f'"{codes}"', allow_blank=True)
    validation.error = _("Elija uno de: %(codes)s.", codes=codes.replace(",", ", "))
    validation.errorTitle = _("Valor no válido")
    validation.showErrorMessage = True
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{VALIDATED_ROWS}")
