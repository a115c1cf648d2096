"""``flask --app registry import FILE.xlsx [--dry-run]``: the spreadsheet import, from a shell.

Acts as the command line (audit actor "línea de comandos"), with an administrator's rights as
every command does. Prints a summary per sheet, or every issue one per line and exits 1 having
written nothing.
"""

from __future__ import annotations

from pathlib import Path

import click
from flask.cli import with_appcontext
from flask_babel import gettext as _

from registry.cli import cli_transaction


@click.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--dry-run", is_flag=True, help="Revisa el libro y dice qué cambiaría, sin guardar.")
@with_appcontext
def import_command(path: Path, dry_run: bool) -> None:
    """Importa un libro de Excel con las hojas Instrumentos y Reuniones (todo o nada)."""
    from registry.imports.services import run_import

    with cli_transaction():
        result = run_import(path.read_bytes(), dry_run=dry_run, filename=path.name)
    if not result.ok:
        for issue in result.sorted_issues():
            click.echo(str(issue), err=True)
        click.echo(result.refusal_line(), err=True)
        raise click.exceptions.Exit(1)
    for line in result.summary_lines():
        click.echo(line)
    if dry_run:
        click.echo(_("Simulación: no se guardó nada."))
