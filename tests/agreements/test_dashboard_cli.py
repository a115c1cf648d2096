"""The dashboard panel and the ``agreements`` commands."""

from __future__ import annotations

from datetime import date, timedelta

from registry.agreements.models import Agreement, StatusChange
from registry.agreements.status import Status
from registry.auth.models import Role
from registry.dates import today_local
from registry.extensions import db
from tests.conftest import row_count
from tests.factories import make_agreement


def test_dashboard_counts_expiring_and_last_moves(reader_client):
    make_agreement(
        title="Convenio que vence pronto",
        status="firmado",
        valid_until=today_local() + timedelta(days=20),
    )
    make_agreement(
        title="Convenio lejano", status="firmado", valid_until=today_local() + timedelta(days=200)
    )
    make_agreement(kind="hermanamiento", title="Hermanamiento")
    page = reader_client.get("/").get_data(as_text=True)
    panel = page[page.index("Instrumentos de vinculación") :]
    assert "(3)" in panel
    assert "Convenio que vence pronto" in panel and "Convenio lejano" not in panel
    assert panel.count("registrado como") == 3


def test_dashboard_empty_state(reader_client):
    assert "Aún no hay instrumentos registrados." in reader_client.get("/").get_data(as_text=True)


def test_cli_move(runner):
    agreement = make_agreement(folio="CON-2025-001", acted_on=date(2025, 4, 10))
    result = runner.invoke(
        args=["agreements", "move", "con-2025-001", "firmado", "--date", "2025-05-09"]
    )
    assert result.exit_code == 0, result.output
    assert "CON-2025-001: Firmado (2025-05-09)" in result.output
    saved = db.session.get(Agreement, agreement.id)
    assert saved.status == Status.FIRMADO and saved.formalized_on == date(2025, 5, 9)


def test_cli_refusal_is_one_line_and_writes_nothing(runner, make_user):
    make_agreement(folio="CON-2025-001", status="firmado", acted_on=date(2025, 5, 9))
    result = runner.invoke(
        args=["agreements", "move", "CON-2025-001", "cancelado", "--date", "2025-06-01"]
    )
    assert result.exit_code == 1
    assert result.output.strip() == "Error: Escriba el motivo de la cancelación."
    editor = make_user(Role.EDITOR)
    correction = runner.invoke(
        args=[
            "agreements",
            "move",
            "CON-2025-001",
            "negociacion",
            "--date",
            "2025-06-01",
            "--reason",
            "Error de captura",
            "--user",
            editor.email,
        ]
    )
    assert correction.exit_code == 1 and "solo una cuenta de administración" in correction.output
    missing = runner.invoke(
        args=["agreements", "move", "NO-EXISTE", "firmado", "--date", "2025-06-01"]
    )
    assert missing.exit_code == 1 and "No existe el instrumento" in missing.output
    assert row_count(StatusChange) == 1


def test_cli_list(runner):
    make_agreement(folio="CON-2025-001", title="Convenio de agua")
    result = runner.invoke(args=["agreements", "list"])
    assert result.output.splitlines() == ["CON-2025-001\tintencion\t2025-04-10\tConvenio de agua"]
