"""Spreadsheet import: time to check and import a workbook of a few thousand rows, and again.

Figures are printed, never asserted as times; run with ``make bench`` (``--benchmark-only``).
The rows are the test workbooks' own, repeated under new folios.
"""

from __future__ import annotations

import time
from datetime import date

from registry.auth.models import Role
from registry.extensions import db
from registry.imports.agreement_rows import parse_agreements
from registry.imports.catalog import Catalog
from registry.imports.meeting_rows import parse_meetings
from registry.imports.reader import read_workbook
from registry.imports.services import run_import
from registry.imports.spec import AGREEMENTS, MEETINGS
from tests.imports.conftest import build_workbook, seeds  # noqa: F401 - fixture
from tests.imports.workbooks import CANCELLED, CONVENIO, ENSENADA, MESA, RECORRIDO

ROWS = 2_000


def big_workbook() -> bytes:
    agreements = [
        {**(ENSENADA, CONVENIO, CANCELLED)[n % 3], "folio": f"IMP-{n:05d}"} for n in range(ROWS)
    ]
    meetings = [{**(RECORRIDO, MESA)[n % 2], "folio": f"REU-IMP-{n:05d}"} for n in range(ROWS)]
    return build_workbook(agreements, meetings)


def read_and_check(content: bytes) -> None:
    """The importer's own work, without the services: read, look up, check every cell."""
    sheets, issues = read_workbook(content)
    catalog = Catalog()
    parse_agreements(
        sheets[AGREEMENTS], catalog, {}, role=Role.EDITOR, today=date.today(), issues=issues
    )
    parse_meetings(sheets[MEETINGS], catalog, {}, issues)
    assert not issues


def test_import_a_few_thousand_rows(benchmark, seeds, capsys):  # noqa: F811
    content = big_workbook()
    started = time.perf_counter()
    read_and_check(content)
    checking = time.perf_counter() - started
    started = time.perf_counter()
    assert run_import(content, dry_run=True).ok
    dry_run = time.perf_counter() - started

    def import_and_commit():
        result = run_import(content)
        db.session.commit()
        return result

    first = benchmark.pedantic(import_and_commit, rounds=1, iterations=1)
    assert first.ok
    started = time.perf_counter()
    again = import_and_commit()
    unchanged = time.perf_counter() - started
    assert not again.changes_anything
    with capsys.disabled():
        print(
            f"\nImport of {ROWS} agreements + {ROWS} meetings ({len(content):,} bytes), "
            f"{db.engine.dialect.name}:\n"
            f"  read and check the cells (no services): {checking:5.1f} s\n"
            f"  dry run (check everything, roll back): {dry_run:6.1f} s\n"
            f"  import (create every record):          {benchmark.stats.stats.median:6.1f} s\n"
            f"  the same workbook again (no change):   {unchanged:6.1f} s"
        )
