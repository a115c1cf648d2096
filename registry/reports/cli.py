"""``flask --app registry report quarterly --year 2025 --quarter 2 --format json [--output F]``."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from flask.cli import AppGroup

from registry.reports.exports import FORMATS
from registry.reports.queries import quarterly_report

report = AppGroup("report", help="Informes.")


@report.command("quarterly")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Año, p. ej. 2025.")
@click.option("--quarter", type=click.IntRange(1, 4), required=True, help="Trimestre, 1 a 4.")
@click.option(
    "--format", "fmt", type=click.Choice(sorted(FORMATS)), default="json", show_default=True
)
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="Archivo de salida (por omisión, la salida estándar).",
)
def quarterly(year: int, quarter: int, fmt: str, output: Path | None) -> None:
    """Informe trimestral: instrumentos formalizados, reuniones e indicadores MIR."""
    data = FORMATS[fmt].render(quarterly_report(year, quarter))
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    output.write_bytes(data)
    click.echo(f"Informe {year} T{quarter} ({fmt}) escrito en {output}.", err=True)


@report.command("transparency")
@click.option("--year", type=click.IntRange(2000, 2100), required=True, help="Año, p. ej. 2025.")
@click.option("--quarter", type=click.IntRange(1, 4), required=True, help="Trimestre, 1 a 4.")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    required=True,
    help="Archivo XLSX de salida.",
)
def transparency(year: int, quarter: int, output: Path) -> None:
    """Formato de transparencia de convenios (Art. 70 fr. XXXIII) de un trimestre, en XLSX."""
    from registry.transparency.exports import table_xlsx, transparency_table

    table = transparency_table(year, quarter)
    output.write_bytes(table_xlsx(table, year, quarter))
    click.echo(
        f"Formato de transparencia {year} T{quarter}: {len(table.rows)} convenios, "
        f"escrito en {output}.",
        err=True,
    )
