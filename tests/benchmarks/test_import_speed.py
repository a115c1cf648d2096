"""Spreadsheet import: how long a workbook of 1,000 and of 10,000 rows per sheet (the documented
maximum) takes to check (the preview's dry run) and to import, and how fast an oversized sheet
is refused.

Figures are printed, never asserted as times; run with ``make bench`` (``--benchmark-only``;
``REGISTRY_BENCH_IMPORT_ROWS=1000`` for one size only). The rows are the test workbooks' own,
repeated under new folios; both sheets are full (N agreements and N meetings). Each import is
asserted to succeed, so the 10,000-row workbook is shown to import, not only timed.
"""

from __future__ import annotations

import os
import time

import pytest

from registry.extensions import db
from registry.imports.reader import read_workbook
from registry.imports.services import run_import
from tests.imports.conftest import build_workbook, seeds  # noqa: F401 - fixture
from tests.imports.test_errors import a_million_empty_rows, stray_cell, with_sheet_xml
from tests.imports.workbooks import CANCELLED, CONVENIO, ENSENADA, MESA, RECORRIDO

SIZES = [int(n) for n in os.environ.get("REGISTRY_BENCH_IMPORT_ROWS", "1000,10000").split(",")]


def big_workbook(rows: int) -> bytes:
    agreements = [
        {**(ENSENADA, CONVENIO, CANCELLED)[n % 3], "folio": f"IMP-{n:05d}"} for n in range(rows)
    ]
    meetings = [{**(RECORRIDO, MESA)[n % 2], "folio": f"REU-IMP-{n:05d}"} for n in range(rows)]
    return build_workbook(agreements, meetings)


def timed(work):
    started = time.perf_counter()
    value = work()
    return value, time.perf_counter() - started


@pytest.mark.parametrize("rows", SIZES)
def test_check_and_import(benchmark, seeds, capsys, rows):  # noqa: F811
    content = big_workbook(rows)
    (_sheets, issues), reading = timed(lambda: read_workbook(content))
    assert not issues
    preview, checking = timed(lambda: run_import(content, dry_run=True))
    assert preview.ok and len(preview.outcomes) == 2 * rows

    def import_and_commit():
        result = run_import(content)
        db.session.commit()
        return result

    imported = benchmark.pedantic(import_and_commit, rounds=1, iterations=1)
    assert imported.ok and imported.written
    again, unchanged = timed(import_and_commit)
    assert again.ok and not again.changes_anything
    with capsys.disabled():
        print(
            f"\nImport of {rows:,} agreements + {rows:,} meetings ({2 * rows:,} rows, "
            f"{len(content):,} bytes), {db.engine.dialect.name}:\n"
            f"  read the workbook:                      {reading:7.2f} s\n"
            f"  preview (check everything, roll back):  {checking:7.2f} s"
            f"  ({checking / (2 * rows) * 1000:.2f} ms a row)\n"
            f"  import (create every record, commit):   {benchmark.stats.stats.median:7.2f} s"
            f"  ({benchmark.stats.stats.median / (2 * rows) * 1000:.2f} ms a row)\n"
            f"  the same workbook again (no change):    {unchanged:7.2f} s"
        )


def test_an_oversized_sheet_is_refused_at_once(benchmark, seeds, capsys):  # noqa: F811
    small = build_workbook([CONVENIO], [])
    cases = {
        "a stray cell on row 1,000,001": with_sheet_xml(small, "Instrumentos", stray_cell),
        "1,000,000 empty rows, no dimension": with_sheet_xml(
            small, "Instrumentos", a_million_empty_rows
        ),
    }
    lines = []
    for name, content in cases.items():
        result, seconds = timed(lambda content=content: run_import(content, dry_run=True))
        assert not result.ok and "filas vacías" in result.issues[0].message
        lines.append(f"  {name} ({len(content):,} bytes): refused in {seconds:5.2f} s")
    benchmark.pedantic(lambda: run_import(cases[next(iter(cases))], dry_run=True), rounds=3)
    with capsys.disabled():
        print("\nOversized sheets:\n" + "\n".join(lines))
