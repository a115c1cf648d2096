"""``flask db upgrade`` on an empty database gives exactly the models' schema."""

from __future__ import annotations

from datetime import UTC, datetime

import sqlalchemy as sa
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from registry import create_app
from registry.agreements.models import Agreement
from registry.audit.models import AuditEvent
from registry.documents.models import Document, DocumentKind
from registry.extensions import db
from tests.conftest import base_config, fresh_database


def test_upgrade_of_an_empty_database_matches_the_models(tmp_path):
    with fresh_database(tmp_path, "registry_migrations") as url:
        app = create_app(base_config(url), instance_path=tmp_path / "instance")
        result = app.test_cli_runner().invoke(args=["db", "upgrade"])
        assert result.exit_code == 0, result.output
        with app.app_context():
            with db.engine.connect() as connection:
                context = MigrationContext.configure(
                    connection, opts={"compare_type": True, "compare_server_default": True}
                )
                differences = compare_metadata(context, db.metadata)
            db.engine.dispose()
    assert differences == []


def test_downgrade_to_base_and_back(tmp_path):
    with fresh_database(tmp_path, "registry_downgrade") as url:
        app = create_app(base_config(url), instance_path=tmp_path / "instance")
        runner = app.test_cli_runner()
        for command in (["db", "upgrade"], ["db", "downgrade", "base"], ["db", "upgrade"]):
            result = runner.invoke(args=command)
            assert result.exit_code == 0, result.output
        with app.app_context():
            db.engine.dispose()


#: The revision before the table ``instruments`` became ``documents``.
BEFORE_DOCUMENTS = "5e0f3c2a9d41"


def test_documents_keep_their_rows_when_instruments_is_renamed(tmp_path):
    """Upgrading a registry that holds documents keeps them, the move citing one as evidence and
    their audit events (now about a "document"); downgrading gives the old names back."""
    from flask_migrate import downgrade, upgrade

    now = datetime(2025, 4, 30, 12, tzinfo=UTC)
    with fresh_database(tmp_path, "registry_documents") as url:
        app = create_app(base_config(url), instance_path=tmp_path / "instance")
        with app.app_context():
            upgrade(revision=BEFORE_DOCUMENTS)
            with db.engine.begin() as connection:
                for statement in (
                    "INSERT INTO agreements (id, folio, kind, title, status, created_at, "
                    "updated_at, version) VALUES (1, 'HER-2025-002', 'hermanamiento', "
                    "'Hermanamiento Oaxaca de Juárez – Ensenada', 'intencion', :now, :now, 1)",
                    "INSERT INTO instruments (id, agreement_id, kind, number, issued_on, "
                    "created_at) VALUES (7, 1, 'carta_intencion', 'OPM/EXT/0064/2025', "
                    "'2025-04-29', :now)",
                    "INSERT INTO status_changes (id, agreement_id, to_status, acted_on, "
                    "recorded_at, is_correction, evidence_instrument_id) VALUES (3, 1, "
                    "'intencion', '2025-04-29', :now, false, 7)",
                    "INSERT INTO audit_events (occurred_at, actor, entity, entity_id, action) "
                    "VALUES (:now, 'cli', 'instrument', '7', 'create')",
                ):
                    connection.execute(sa.text(statement), {"now": now})

            upgrade()
            letter = db.session.get(Document, 7)
            assert (letter.kind, letter.number) == (
                DocumentKind.CARTA_INTENCION,
                "OPM/EXT/0064/2025",
            )
            agreement = db.session.get(Agreement, 1)
            assert agreement.visible_documents == [letter]
            assert agreement.status_changes[0].evidence == letter
            entities = db.session.scalars(sa.select(AuditEvent.entity)).all()
            assert entities == ["document"]
            db.session.add(Document(agreement=agreement, kind=DocumentKind.OFICIO))
            db.session.commit()  # the id sequence (PostgreSQL) came along with the table
            db.session.remove()

            downgrade(revision=BEFORE_DOCUMENTS)
            with db.engine.connect() as connection:
                rows = connection.execute(
                    sa.text(
                        "SELECT i.number, s.evidence_instrument_id, a.entity FROM instruments i "
                        "JOIN status_changes s ON s.evidence_instrument_id = i.id "
                        "JOIN audit_events a ON a.entity_id = '7'"
                    )
                ).all()
            assert rows == [("OPM/EXT/0064/2025", 7, "instrument")]
            db.engine.dispose()
