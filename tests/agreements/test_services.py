"""The agreement services: what they write (history, audit, dates) and what they refuse."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from registry.agreements import services
from registry.agreements.models import Agreement, AgreementKind, StatusChange
from registry.agreements.status import MoveRefused, Status
from registry.audit.models import AuditEvent
from registry.auth.models import Role
from registry.errors import DomainError, EditConflict
from registry.extensions import db
from tests.conftest import row_count
from tests.factories import (
    COZUMEL,
    ENSENADA,
    SANTA_CRUZ_XOXOCOTLAN,
    make_agreement,
    make_party,
    municipality,
    topic,
)

TODAY = date(2025, 7, 15)


def data_of(agreement: Agreement, **changes) -> services.AgreementData:
    values = dict(
        kind=agreement.kind,
        title=agreement.title,
        folio=agreement.folio,
        parties=[
            services.PartyEntry(row.party, row.role, row.signed_on) for row in agreement.parties
        ],
        topics=list(agreement.topics),
        objective=agreement.objective,
    )
    values.update(changes)
    return services.AgreementData(**values)


def events(action: str) -> list[AuditEvent]:
    return list(db.session.scalars(sa.select(AuditEvent).where(AuditEvent.action == action)))


def test_create_records_the_first_status_with_its_act_date(app, editor):
    agreement = make_agreement(
        kind="hermanamiento",
        parties=[municipality(ENSENADA)],
        acted_on=date(2025, 4, 29),
        topics=["Turismo", "Cultura"],
        user=editor,
    )
    assert agreement.folio == "HER-2025-001"
    assert (agreement.status, agreement.status_date) == (Status.INTENCION, date(2025, 4, 29))
    [first] = agreement.status_changes
    assert (first.from_status, first.to_status, first.acted_on) == (
        None,
        Status.INTENCION,
        date(2025, 4, 29),
    )
    assert first.recorded_by_id == editor.id
    assert agreement.formalized_on is None
    [created] = events("create")
    assert created.after["folio"] == "HER-2025-001" and created.after["version"] == 1
    assert created.after["parties"] == ["Ensenada"]
    assert created.after["topics"] == ["Cultura", "Turismo"]


def test_folios_follow_kind_and_the_year_of_the_first_act(app):
    make_agreement(kind="hermanamiento", acted_on=date(2025, 4, 29))
    second = make_agreement(kind="hermanamiento", acted_on=date(2025, 5, 2))
    other_year = make_agreement(kind="hermanamiento", acted_on=date(2024, 3, 13))
    alliance = make_agreement(kind="alianza")
    assert [second.folio, other_year.folio, alliance.folio] == [
        "HER-2025-002",
        "HER-2024-001",
        "ALI-2025-001",
    ]


def test_a_typed_folio_is_kept_upper_case_and_must_be_unique(app):
    make_agreement(folio="con-2025-010")
    assert db.session.scalar(sa.select(Agreement.folio)) == "CON-2025-010"
    with pytest.raises(DomainError, match="Ya existe un instrumento con el folio CON-2025-010"):
        make_agreement(folio="Con-2025-010 ")


def test_created_as_signed_marks_its_formalization_and_the_parties_signature(app):
    agreement = make_agreement(status="firmado", acted_on=date(2025, 5, 9))
    assert agreement.formalized_on == date(2025, 5, 9)
    assert [row.signed_on for row in agreement.parties] == [date(2025, 5, 9)]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"title": "  "}, "title", "Escriba el título"),
        ({"parties": []}, "parties", "al menos una contraparte"),
        (
            {"valid_from": date(2025, 1, 1), "valid_until": date(2024, 12, 31)},
            "valid_until",
            "anterior a su inicio",
        ),
    ],
)
def test_create_refuses_bad_data_and_writes_nothing(app, data, field, message):
    values = dict(
        kind=AgreementKind.CONVENIO,
        title="Convenio",
        parties=[services.PartyEntry(municipality(COZUMEL))],
    )
    values.update(data)
    with pytest.raises(DomainError, match=message) as refused:
        services.create_agreement(services.AgreementData(**values), acted_on=date(2025, 4, 1))
    assert refused.value.field == field
    db.session.rollback()
    assert row_count(Agreement) == row_count(StatusChange) == row_count(AuditEvent) == 0


def test_oaxaca_de_juarez_is_not_a_counterpart_and_parties_are_not_repeated(app):
    cozumel = municipality(COZUMEL)
    with pytest.raises(DomainError, match="propio municipio"):
        make_agreement(parties=[municipality("20067")])
    with pytest.raises(DomainError, match="aparece dos veces"):
        make_agreement(parties=[cozumel, cozumel])


def test_moves_along_the_lifecycle_set_status_dates_and_history(app, editor):
    agreement = make_agreement(acted_on=date(2025, 4, 10))
    services.change_status(agreement, "firmado", date(2025, 5, 9), editor, today=TODAY)
    services.change_status(
        agreement, "ratificado", date(2025, 6, 30), editor, today=TODAY, note="Sesión de cabildo"
    )
    db.session.commit()
    assert (agreement.status, agreement.status_date) == (Status.RATIFICADO, date(2025, 6, 30))
    assert agreement.formalized_on == date(2025, 5, 9)
    assert [(c.from_status, c.to_status) for c in agreement.status_changes] == [
        (None, Status.INTENCION),
        (Status.INTENCION, Status.FIRMADO),
        (Status.FIRMADO, Status.RATIFICADO),
    ]
    moves = events("status_change")
    assert [(e.before["status"], e.after["status"]) for e in moves] == [
        ("intencion", "firmado"),
        ("firmado", "ratificado"),
    ]
    assert moves[0].after["acted_on"] == "2025-05-09" and moves[0].user_id == editor.id


def test_a_refused_move_writes_nothing(app, editor):
    agreement = make_agreement()
    with pytest.raises(MoveRefused, match="motivo de la cancelación"):
        services.change_status(agreement, "cancelado", date(2025, 5, 1), editor, today=TODAY)
    db.session.rollback()
    assert row_count(StatusChange) == 1
    assert events("status_change") == []
    assert db.session.get(Agreement, agreement.id).status == Status.INTENCION


@pytest.mark.parametrize(
    ("role", "allowed"), [(Role.READER, False), (Role.EDITOR, False), (Role.ADMIN, True)]
)
def test_a_correction_is_for_admins_and_shows_as_one(app, make_user, role, allowed):
    user = make_user(role)
    agreement = make_agreement(status="firmado", acted_on=date(2025, 5, 9))
    move = lambda: services.change_status(  # noqa: E731
        agreement,
        "negociacion",
        date(2025, 5, 20),
        user,
        reason="Se registró por error",
        today=TODAY,
    )
    if not allowed:
        with pytest.raises(MoveRefused):
            move()
        return
    change = move()
    assert change.is_correction and change.reason == "Se registró por error"
    # the only formalizing act was a mistake: the agreement no longer counts as formalized
    assert agreement.formalized_on is None


def test_cancelling_keeps_the_formalization_date(app, editor):
    agreement = make_agreement(status="firmado", acted_on=date(2025, 5, 9))
    services.change_status(
        agreement,
        "cancelado",
        date(2025, 7, 1),
        editor,
        reason="La contraparte se retiró",
        today=TODAY,
    )
    assert agreement.formalized_on == date(2025, 5, 9)
    assert agreement.status_changes[-1].reason == "La contraparte se retiró"


def test_an_inactive_user_cannot_move(app, make_user):
    user = make_user(Role.ADMIN, active=False)
    with pytest.raises(MoveRefused, match="consulta"):
        services.change_status(make_agreement(), "firmado", date(2025, 5, 9), user, today=TODAY)


def test_signing_marks_only_the_parties_that_signed(app, editor):
    first, second = municipality(SANTA_CRUZ_XOXOCOTLAN), make_party("Comisión de Límites")
    agreement = make_agreement(kind="alianza", parties=[first, second])
    services.change_status(
        agreement, "firmado", date(2025, 5, 27), editor, today=TODAY, signed_party_ids={first.id}
    )
    assert [(row.party.name, row.signed_on) for row in agreement.parties] == [
        ("Santa Cruz Xoxocotlán", date(2025, 5, 27)),
        ("Comisión de Límites", None),
    ]


def test_an_update_audits_the_changed_fields_and_bumps_the_version(app, editor):
    agreement = make_agreement(title="Convenio de agua", topics=["Agua"])
    changed = services.update_agreement(
        agreement,
        data_of(
            agreement, title="Convenio de agua potable", topics=[topic("Agua"), topic("Salud")]
        ),
        base_version=1,
        user=editor,
    )
    db.session.commit()
    assert changed and agreement.version == 2
    [update] = events("update")
    assert update.before == {"title": "Convenio de agua", "topics": ["Agua"], "version": 1}
    assert update.after == {
        "title": "Convenio de agua potable",
        "topics": ["Agua", "Salud"],
        "version": 2,
    }


def test_a_change_of_topics_alone_is_a_new_version(app):
    agreement = make_agreement(topics=["Agua"])
    services.update_agreement(
        agreement, data_of(agreement, topics=[topic("Salud")]), base_version=1
    )
    db.session.commit()
    assert agreement.version == 2 and [t.name for t in agreement.topics] == ["Salud"]


def test_saving_the_same_values_changes_nothing(app):
    agreement = make_agreement(topics=["Agua"])
    assert not services.update_agreement(agreement, data_of(agreement), base_version=1)
    db.session.commit()
    assert agreement.version == 1 and events("update") == []


def test_a_save_based_on_an_old_version_is_refused_with_what_changed(app, editor, admin):
    agreement = make_agreement(title="Convenio de agua")
    services.update_agreement(
        agreement, data_of(agreement, title="Convenio de saneamiento"), base_version=1, user=admin
    )
    services.change_status(agreement, "firmado", date(2025, 5, 9), admin, today=TODAY)
    db.session.commit()
    with pytest.raises(EditConflict) as conflict:
        services.update_agreement(
            agreement, data_of(agreement, title="Otro título"), base_version=1, user=editor
        )
    message = conflict.value.message
    assert "Título: «Convenio de agua» → «Convenio de saneamiento»" in message
    assert "Estatus: «Intención» → «Firmado»" in message
    assert admin.full_name in message
    db.session.rollback()
    assert db.session.get(Agreement, agreement.id).title == "Convenio de saneamiento"


def test_a_concurrent_write_caught_at_flush_is_a_conflict(app):
    agreement = make_agreement(title="Convenio de agua")
    # another transaction saved the row after this one loaded it (version 1 → 2)
    table = Agreement.__table__
    db.session.connection().execute(
        table.update().where(table.c.id == agreement.id).values(version=2, title="De otra")
    )
    with pytest.raises(EditConflict):
        services.update_agreement(agreement, data_of(agreement, title="Mío"), base_version=1)
    db.session.rollback()
    assert db.session.get(Agreement, agreement.id).title == "Convenio de agua"
