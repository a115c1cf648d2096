"""``flask --app registry import FILE.xlsx [--dry-run]``: a summary, or every error and exit 1."""

from __future__ import annotations

from registry.agreements.models import Agreement
from registry.meetings.models import Meeting
from tests.conftest import row_count
from tests.imports.conftest import build_workbook
from tests.imports.test_import import BAD_ROW, database_state
from tests.imports.workbooks import AGREEMENT_ROWS, MEETING_ROWS


def test_import_prints_a_summary_and_writes(runner, seeds, xlsx_file):
    path = xlsx_file(build_workbook(AGREEMENT_ROWS, MEETING_ROWS))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "Instrumentos: altas 4, con cambios 0, sin cambios 0.",
        "Reuniones: altas 2, con cambios 0, sin cambios 0.",
    ]
    assert (row_count(Agreement), row_count(Meeting)) == (4, 2)

    again = runner.invoke(args=["import", str(path)])
    assert again.exit_code == 0
    assert "Instrumentos: altas 0, con cambios 0, sin cambios 4." in again.output


def test_a_dry_run_writes_nothing(runner, seeds, xlsx_file):
    before = database_state()
    path = xlsx_file(build_workbook(AGREEMENT_ROWS, MEETING_ROWS))
    result = runner.invoke(args=["import", str(path), "--dry-run"])
    assert result.exit_code == 0
    assert "Instrumentos: altas 4," in result.output
    assert result.output.splitlines()[-1] == "Simulación: no se guardó nada."
    assert database_state() == before


def test_errors_are_printed_one_per_line_and_exit_1(runner, seeds, xlsx_file):
    before = database_state()
    path = xlsx_file(build_workbook([*AGREEMENT_ROWS, BAD_ROW], MEETING_ROWS))
    result = runner.invoke(args=["import", str(path)])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert [line.split(":")[0] for line in lines[:4]] == [
        "Instrumentos, fila 6, columna folio",
        "Instrumentos, fila 6, columna contrapartes",
        "Instrumentos, fila 6, columna estatus",
        "Instrumentos, fila 6, columna fecha_intencion",
    ]
    assert lines[-1] == "No se importó nada: 4 errores."
    assert database_state() == before


def test_a_file_that_is_not_a_workbook_exits_1(runner, seeds, xlsx_file):
    path = xlsx_file(b"folio;tipo\n", "bitacora.csv")
    result = runner.invoke(args=["import", str(path), "--dry-run"])
    assert result.exit_code == 1
    assert result.output.startswith("Archivo: El archivo no es un libro de Excel (.xlsx)")


def test_a_missing_file_is_a_usage_error(runner, tmp_path):
    result = runner.invoke(args=["import", str(tmp_path / "no-existe.xlsx")])
    assert result.exit_code == 2
