"""Re-importing a folio updates that record through the services; history is never rewritten."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from registry.agreements import services
from registry.agreements.models import AgreementParty
from registry.audit.models import AuditEvent
from registry.commitments.services import close_commitment
from registry.extensions import db
from registry.imports.results import Action
from registry.imports.services import run_import
from registry.meetings.models import MeetingPerson
from tests.conftest import row_count
from tests.imports.conftest import build_workbook
from tests.imports.test_import import agreement, database_state, import_and_commit, meeting
from tests.imports.workbooks import CONVENIO, ENSENADA, MESA, RECORRIDO


def events(action: str) -> int:
    return db.session.scalar(
        select(db.func.count()).select_from(AuditEvent).where(AuditEvent.action == action)
    )


def test_a_changed_row_updates_its_record_and_appends_the_new_acts(seeds):
    import_and_commit(build_workbook([ENSENADA]))
    record = agreement("HER-2025-002")
    version, changes = record.version, len(record.status_changes)

    ratified = {
        **ENSENADA,
        "titulo": "Hermanamiento Ensenada – Oaxaca de Juárez",
        "estatus": "ratificado",
        "fecha_firma": "2025-06-10",
        "fecha_ratificacion": "2025-06-20",
        "oficio": "OPM/EXT/0064/2025; OPM/0100/2025",
    }
    result = import_and_commit(build_workbook([ratified]))

    (outcome,) = result.outcomes
    assert outcome.action == Action.UPDATE
    assert outcome.changes == (
        "Título",
        "Estatus: Firmado (10 de junio de 2025)",
        "Estatus: Ratificado (20 de junio de 2025)",
        "Documento: oficio OPM/0100/2025",
    )
    record = agreement("HER-2025-002")
    assert record.title == "Hermanamiento Ensenada – Oaxaca de Juárez"
    assert [(c.to_status, c.acted_on) for c in record.status_changes[changes:]] == [
        ("firmado", date(2025, 6, 10)),
        ("ratificado", date(2025, 6, 20)),
    ]
    assert record.formalized_on == date(2025, 6, 10) and record.version > version
    assert [d.number for d in record.documents] == ["OPM/EXT/0064/2025", "OPM/0100/2025"]
    assert events("status_change") == 2


def test_the_sheet_may_not_change_a_recorded_date(seeds):
    import_and_commit(build_workbook([CONVENIO]))
    before = database_state()
    result = import_and_commit(build_workbook([{**CONVENIO, "fecha_intencion": "2025-04-11"}]))
    (issue,) = result.issues
    assert (issue.row, issue.column) == (2, "fecha_intencion")
    assert "en el registro, «intención» es del 2025-04-10 y la hoja dice 2025-04-11" in (
        issue.message.lower()
    )
    assert "no reescribe el historial" in issue.message
    assert database_state() == before


def test_the_sheet_may_not_drop_a_recorded_act(seeds):
    import_and_commit(build_workbook([CONVENIO]))
    result = run_import(build_workbook([{**CONVENIO, "fecha_intencion": None}]))
    (issue,) = result.issues
    assert issue.column == "fecha_intencion"
    assert "ya tiene «Intención» del 2025-04-10 y la hoja deja fecha_intencion vacía" in (
        issue.message
    )


def test_the_sheet_may_not_insert_an_act_before_the_current_status(seeds):
    import_and_commit(build_workbook([CONVENIO]))  # intención 10 Apr → firmado 9 May
    row = {**CONVENIO, "fecha_negociacion": "2025-04-20"}
    result = run_import(build_workbook([row]))
    (issue,) = result.issues
    assert issue.column == "fecha_negociacion"
    assert "ya está en «Firmado» (desde 2025-05-09)" in issue.message


def test_an_act_dated_before_the_current_one_is_refused_by_the_lifecycle(seeds):
    import_and_commit(build_workbook([CONVENIO]))
    row = {**CONVENIO, "estatus": "ratificado", "fecha_ratificacion": "2025-05-01"}
    result = run_import(build_workbook([row]))
    (issue,) = result.issues
    assert issue.column == "fecha_ratificacion" and "anterior" in issue.message


def test_a_history_corrected_by_an_admin_reads_as_its_standing_dates(seeds, admin):
    import_and_commit(build_workbook([CONVENIO]))
    record = agreement("CON-2025-001")
    services.change_status(
        record, "intencion", date(2025, 5, 20), admin, reason="La firma se registró por error"
    )
    db.session.commit()
    before = database_state()
    standing = {**CONVENIO, "estatus": "intencion", "fecha_firma": None}
    result = import_and_commit(build_workbook([standing]))
    assert result.ok, result.issues
    assert [o.action for o in result.outcomes] == [Action.UNCHANGED]
    assert database_state() == before


def test_what_the_sheet_has_no_column_for_is_kept(seeds):
    import_and_commit(build_workbook([CONVENIO], [MESA]))
    row = db.session.scalars(select(AgreementParty).order_by(AgreementParty.id)).first()
    row.role, row.signatory = "Contraparte", "Presidenta Municipal"
    row.signed_on = date(2025, 5, 9)  # recorded on the agreement's page
    record = agreement("CON-2025-001")
    record.responsible_unit = "Unidad de Atención de Asuntos Metropolitanos"
    mesa = meeting("REU-2025-003")
    mesa.people.append(MeetingPerson(name="Ray Chagoya", post="Presidente Municipal"))
    db.session.commit()

    changed = {**CONVENIO, "contrapartes": "20157; Comisión Estatal del Agua; 20390"}
    result = import_and_commit(build_workbook([changed], [{**MESA, "lugar": "Ciudad Judicial"}]))

    assert [o.changes for o in result.outcomes] == [("Contrapartes",), ("Lugar",)]
    record = agreement("CON-2025-001")
    assert record.responsible_unit == "Unidad de Atención de Asuntos Metropolitanos"
    assert [(p.role, p.signatory, p.signed_on) for p in record.parties] == [
        ("Contraparte", "Presidenta Municipal", date(2025, 5, 9)),
        (None, None, None),
        (None, None, None),
    ]
    assert [p.name for p in meeting("REU-2025-003").people] == ["Ray Chagoya"]


def test_commitments_and_links_are_added_never_duplicated_nor_reopened(seeds):
    import_and_commit(build_workbook([], [RECORRIDO]))
    recorrido = meeting("REU-2025-006")
    close_commitment(recorrido.commitments[0], note="Se retiraron")
    db.session.commit()
    commitments, evidence = row_count(type(recorrido.commitments[0])), len(recorrido.evidence)

    more = {
        **RECORRIDO,
        "acuerdos": RECORRIDO["acuerdos"] + "; Tercer recorrido en junio",
        "evidencia": RECORRIDO["evidencia"] + "; https://x.com/MunicipioOax/status/2",
    }
    result = import_and_commit(build_workbook([], [more]))

    assert result.outcomes[0].changes == (
        "Acuerdo: Tercer recorrido en junio",
        "Evidencia: https://x.com/MunicipioOax/status/2",
    )
    recorrido = meeting("REU-2025-006")
    assert row_count(type(recorrido.commitments[0])) == commitments + 1
    assert [c.status for c in recorrido.commitments] == ["cumplido", "pendiente", "pendiente"]
    assert len(recorrido.evidence) == evidence + 1


def test_a_meeting_row_changes_dates_and_indicator(seeds):
    import_and_commit(build_workbook([], [RECORRIDO]))
    version = meeting("REU-2025-006").version
    row = {**RECORRIDO, "fechas": "2025-05-15; 2025-05-22; 2025-05-29", "indicador": "ninguno"}
    result = import_and_commit(build_workbook([], [row]))
    assert result.outcomes[0].changes == ("Fechas", "Indicador")
    recorrido = meeting("REU-2025-006")
    assert len(recorrido.dates) == 3 and recorrido.indicator is None
    assert recorrido.version == version + 1
