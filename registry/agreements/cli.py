"""``flask --app registry agreements …``: agreements from the command line.

The same services as the pages: a refused move prints its Spanish reason and exits 1.
"""

from __future__ import annotations

import click
from flask.cli import AppGroup
from flask_babel import gettext as _
from sqlalchemy import func, select

from registry.agreements import services
from registry.agreements.models import Agreement
from registry.agreements.status import Status
from registry.auth.models import User
from registry.cli import cli_transaction
from registry.errors import DomainError
from registry.extensions import db

agreements_cli = AppGroup("agreements", help="Instrumentos de vinculación.")


def get_agreement(folio: str) -> Agreement:
    agreement = db.session.scalar(
        select(Agreement).where(
            func.upper(Agreement.folio) == folio.strip().upper(), Agreement.deleted_at.is_(None)
        )
    )
    if agreement is None:
        raise DomainError(_("No existe el instrumento con folio %(folio)s.", folio=folio))
    return agreement


@agreements_cli.command("list")
def list_agreements() -> None:
    """Lista los instrumentos: folio, estatus, fecha del último acto y título."""
    query = select(Agreement).where(Agreement.deleted_at.is_(None)).order_by(Agreement.folio)
    for agreement in db.session.scalars(query):
        day = agreement.status_date.isoformat() if agreement.status_date else "-"
        click.echo(f"{agreement.folio}\t{agreement.status.value}\t{day}\t{agreement.title}")


@agreements_cli.command("move")
@click.argument("folio")
@click.argument("status", type=click.Choice([status.value for status in Status]))
@click.option(
    "--date",
    "acted_on",
    required=True,
    type=click.DateTime(formats=["%Y-%m-%d"]),
    help="Fecha del acto (AAAA-MM-DD); para firmado, la fecha de firma.",
)
@click.option("--reason", help="Motivo (obligatorio para cancelar y para correcciones).")
@click.option("--note", help="Nota.")
@click.option(
    "--user",
    "email",
    help="Correo de la cuenta que registra el cambio (se aplican sus permisos). Sin él, registra "
    "la línea de comandos, con derechos de administración.",
)
def move(folio: str, status: str, acted_on, reason, note, email) -> None:
    """Cambia el estatus de un instrumento."""
    with cli_transaction():
        agreement = get_agreement(folio)
        user = None
        if email:
            user = db.session.scalar(select(User).where(User.email == email.strip().lower()))
            if user is None:
                raise DomainError(_("No existe la cuenta %(email)s.", email=email))
        services.change_status(
            agreement, Status(status), acted_on.date(), user, reason=reason, note=note
        )
    click.echo(
        f"{agreement.folio}: {agreement.status.label} ({agreement.status_date})."  # ISO date
    )
