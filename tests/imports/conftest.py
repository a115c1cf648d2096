"""Workbooks for the import tests, built with openpyxl as the unit's Excel would save them."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

from registry.imports.spec import AGREEMENTS, MEETINGS, headers
from tests.meetings.conftest import seeds  # noqa: F401 - the seed parties and indicators


def build_workbook(
    agreements: list[dict] = (),
    meetings: list[dict] = (),
    *,
    agreement_headers: list[str] | None = None,
    meeting_headers: list[str] | None = None,
    sheets: tuple[str, ...] = (AGREEMENTS, MEETINGS),
) -> bytes:
    """An XLSX with the given rows (dicts header → value) under the given (default) headers."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    given = {
        AGREEMENTS: (agreement_headers or headers(AGREEMENTS), agreements),
        MEETINGS: (meeting_headers or headers(MEETINGS), meetings),
    }
    for name in sheets:
        columns, rows = given[name]
        sheet = book.create_sheet(name)
        sheet.append(columns)
        for row in rows:
            sheet.append([row.get(column) for column in columns])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.fixture
def xlsx_file(tmp_path):
    """``xlsx_file(content)`` → a path under tmp_path holding it."""
    counter = iter(range(1, 1000))

    def write(content: bytes, name: str | None = None) -> Path:
        path = tmp_path / (name or f"libro-{next(counter)}.xlsx")
        path.write_bytes(content)
        return path

    return write
