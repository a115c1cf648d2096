"""``flask --app registry geo …``: municipal boundaries from INEGI's Marco Geoestadístico."""

from __future__ import annotations

import time
from pathlib import Path

import click
from flask.cli import AppGroup

from registry.cli import cli_transaction
from registry.extensions import db
from registry.parties.boundaries import ImportResult, import_boundaries
from registry.parties.geo_import import SIMPLIFY_TOLERANCE_M

geo = AppGroup("geo", help="Geografía: límites municipales del INEGI.")


@geo.command("import")
@click.argument("path", type=click.Path(dir_okay=False, path_type=Path))
@click.option(
    "--state", help="Solo los municipios de este estado (clave INEGI de 2 dígitos; Oaxaca = 20)."
)
@click.option(
    "--crs", help="Sistema de coordenadas de la capa si no lo declara (p. ej. EPSG:6372)."
)
@click.option(
    "--tolerance",
    type=click.FloatRange(min=0, min_open=True, max=500),
    default=SIMPLIFY_TOLERANCE_M,
    show_default=True,
    help="Tolerancia de simplificación en metros.",
)
@click.option("--dry-run", is_flag=True, help="Revisa y simplifica la capa sin guardar nada.")
def import_command(
    path: Path, state: str | None, crs: str | None, tolerance: float, dry_run: bool
) -> None:
    """Importa los límites municipales de PATH (shapefile, .zip, GeoJSON o GeoPackage).

    Agrega o actualiza cada municipio (nombre, estado, población, polígono simplificado y punto
    representativo). Si algo falla no se guarda nada.
    """
    started = time.perf_counter()
    with cli_transaction():
        result = import_boundaries(path, state=state, crs=crs, tolerance=tolerance)
        if dry_run:
            db.session.rollback()
    for line in summary(result, time.perf_counter() - started):
        click.echo(line)
    if dry_run:
        click.echo("Simulación: no se guardó nada.")


def summary(result: ImportResult, seconds: float) -> list[str]:
    """The lines the command prints after an import."""
    lines = [
        f"{result.total} municipios leídos de «{result.file_name}» en {seconds:.1f} s: "
        f"{len(result.added)} agregados, {len(result.updated)} actualizados, "
        f"{len(result.unchanged)} sin cambios."
    ]
    if result.repaired:
        lines.append(f"Geometrías no válidas reparadas: {', '.join(result.repaired)}.")
    if result.cleaned:
        lines.append("Se corrigieron traslapes o bordes compartidos que no coincidían.")
    return lines
