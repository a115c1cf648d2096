"""Importing a workbook: all or nothing, every error listed, the same records as the forms make."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from registry.agreements.models import Agreement, AgreementParty, StatusChange
from registry.audit.models import AuditEvent
from registry.commitments.models import Commitment
from registry.documents.models import Document
from registry.extensions import db
from registry.imports.results import Action
from registry.imports.services import run_import
from registry.meetings.models import Evidence, Meeting, MeetingDate
from tests.conftest import row_count
from tests.imports.conftest import build_workbook
from tests.imports.workbooks import (
    AGREEMENT_ROWS,
    CONVENIO,
    ENSENADA,
    MEETING_ROWS,
    MESA,
    RECORRIDO,
)

TABLES = (
    Agreement,
    AgreementParty,
    StatusChange,
    Document,
    Meeting,
    MeetingDate,
    Commitment,
    Evidence,
    AuditEvent,
)


def database_state() -> dict:
    """Row counts of every table the import writes, and every record's version."""
    state = {model.__name__: row_count(model) for model in TABLES}
    state["versions"] = sorted(db.session.execute(select(Agreement.folio, Agreement.version)))
    state["meeting_versions"] = sorted(db.session.execute(select(Meeting.folio, Meeting.version)))
    return state


def import_and_commit(content: bytes, **kwargs):
    result = run_import(content, **kwargs)
    db.session.commit()
    return result


def agreement(folio: str) -> Agreement:
    return db.session.scalar(select(Agreement).where(Agreement.folio == folio))


def meeting(folio: str) -> Meeting:
    return db.session.scalar(select(Meeting).where(Meeting.folio == folio))


# The issue's scenario ------------------------------------------------------------------------

#: One bad row: its folio repeats row 2's, its party is unknown, its date impossible, and its
#: status (firmado) disagrees with its dates (no fecha_firma).
BAD_ROW = {
    **CONVENIO,
    "folio": "her-2025-002",
    "contrapartes": "20157; Municipio de Atlántida",
    "fecha_intencion": "2025-02-30",
    "fecha_firma": None,
}


def test_a_bad_row_refuses_the_whole_workbook_with_every_error(seeds):
    content = build_workbook([*AGREEMENT_ROWS, BAD_ROW], MEETING_ROWS)
    before = database_state()

    result = import_and_commit(content)

    assert not result.ok
    found = {(i.sheet, i.row, i.column) for i in result.issues}
    assert found == {
        ("Instrumentos", 6, "folio"),
        ("Instrumentos", 6, "contrapartes"),
        ("Instrumentos", 6, "fecha_intencion"),
        ("Instrumentos", 6, "estatus"),
    }
    messages = {i.column: i.message for i in result.issues}
    assert "ya aparece en la fila 2" in messages["folio"]
    assert "«Municipio de Atlántida»" in messages["contrapartes"]
    assert "2025-02-30" in messages["fecha_intencion"]
    assert "fecha_firma está vacía" in messages["estatus"]
    assert database_state() == before


def test_the_corrected_workbook_imports_and_again_changes_nothing(seeds):
    content = build_workbook(AGREEMENT_ROWS, MEETING_ROWS)

    first = import_and_commit(content)
    assert first.ok, first.issues
    assert [o.action for o in first.outcomes] == [Action.CREATE] * 6
    after_first = database_state()

    second = import_and_commit(content)
    assert second.ok
    assert {o.action for o in second.outcomes} == {Action.UNCHANGED}
    assert database_state() == after_first


def test_imported_agreements_have_their_history_parties_and_documents(seeds):
    import_and_commit(build_workbook(AGREEMENT_ROWS, MEETING_ROWS))

    signed = agreement("CON-2025-001")
    assert signed.status == "firmado" and signed.status_date == date(2025, 5, 9)
    assert [(c.from_status, c.to_status, c.acted_on) for c in signed.status_changes] == [
        (None, "intencion", date(2025, 4, 10)),
        ("intencion", "firmado", date(2025, 5, 9)),
    ]
    assert signed.formalized_on == date(2025, 5, 9)
    # the sheet dates the agreement's signature, not each party's: none is made up
    assert [(p.party.cvegeo or p.party.name, p.signed_on) for p in signed.parties] == [
        ("20157", None),
        ("Comisión Estatal del Agua", None),
    ]
    assert (signed.valid_from, signed.valid_until) == (date(2025, 5, 9), date(2027, 12, 31))

    ensenada = agreement("HER-2025-002")
    assert ensenada.formalized_on is None and ensenada.status == "intencion"
    assert sorted(t.name for t in ensenada.topics) == ["Cultura", "Educación", "Turismo"]
    assert [(d.kind, d.number) for d in ensenada.documents] == [("oficio", "OPM/EXT/0064/2025")]

    cozumel = agreement("HER-2025-001")
    assert (cozumel.status, cozumel.formalized_on) == ("ratificado", date(2025, 6, 30))

    cancelled = agreement("ALI-2025-001")
    assert cancelled.status == "cancelado"
    assert cancelled.status_changes[-1].reason == "La contraparte desistió."


def test_imported_meetings_have_their_dates_parties_indicator_and_commitments(seeds):
    import_and_commit(build_workbook(AGREEMENT_ROWS, MEETING_ROWS))

    recorrido = meeting("REU-2025-006")
    assert [d.day for d in recorrido.dates] == [date(2025, 5, 15), date(2025, 5, 22)]
    assert recorrido.first_date == date(2025, 5, 15)
    assert [p.cvegeo for p in recorrido.parties] == ["20157"]
    assert recorrido.indicator.code == "12.2"
    assert [c.text for c in recorrido.commitments] == [
        "Retirar los residuos sólidos",
        "Revisar el uso de escombros",
    ]
    assert {c.status for c in recorrido.commitments} == {"pendiente"}
    assert [e.url for e in recorrido.evidence] == [
        "https://www.facebook.com/MunicipioOaxacaDeJuarez/posts/1"
    ]

    mesa = meeting("REU-2025-003")
    assert [d.day for d in mesa.dates] == [date(2025, 5, 9)]
    assert mesa.indicator.code == "12.1"  # the default indicator of a mesa de seguridad
    assert mesa.kind == "mesa_seguridad" and mesa.place == "Palacio Municipal"
    assert sorted(p.name for p in mesa.parties) == [
        "Gobierno del Estado de Oaxaca",
        "Secretaría de Gobierno",
    ]


def test_the_command_line_is_the_actor_of_the_audit_events(seeds):
    import_and_commit(build_workbook([ENSENADA]))
    events = db.session.scalars(select(AuditEvent)).all()
    assert {e.action for e in events} == {"create", "import"}
    assert {e.actor for e in events} == {"línea de comandos"}
    summary = next(e for e in events if e.action == "import")
    assert summary.after["rows"]["Instrumentos"] == {"create": 1, "update": 0, "unchanged": 0}


def test_a_dry_run_reports_the_outcomes_and_writes_nothing(seeds):
    before = database_state()
    result = import_and_commit(build_workbook(AGREEMENT_ROWS, MEETING_ROWS), dry_run=True)
    assert result.ok and result.counts("Reuniones")[Action.CREATE] == 2
    assert database_state() == before


def test_an_empty_workbook_imports_nothing(seeds):
    result = import_and_commit(build_workbook())
    assert result.ok and result.outcomes == [] and not result.changes_anything
    assert row_count(AuditEvent) == 0


def selects(counter) -> int:
    return sum(statement.lstrip().upper().startswith("SELECT") for statement in counter.statements)


def test_parties_and_topics_are_looked_up_without_a_query_per_cell(seeds, count_queries):
    """Rows naming one or three parties and topics read the database the same number of times."""
    counts = []
    for names in (["20157"], ["20157", "20390", "20385"]):
        row = {
            **CONVENIO,
            "contrapartes": "; ".join(names),
            "temas": "; ".join(["Agua", "Salud", "Turismo"][: len(names)]),
        }
        with count_queries() as counter:
            assert run_import(build_workbook([row]), dry_run=True).ok
        counts.append(selects(counter))
    assert counts[0] == counts[1]


def test_each_row_costs_a_bounded_number_of_statements(seeds, count_queries):
    rows = [{**CONVENIO, "folio": f"CON-2025-{n:03d}"} for n in range(1, 21)]
    figures = {}
    for size in (5, 20):
        with count_queries() as counter:
            assert run_import(build_workbook(rows[:size]), dry_run=True).ok
        figures["create", size] = counter.count
    import_and_commit(build_workbook(rows))
    for size in (5, 20):
        with count_queries() as counter:
            assert run_import(build_workbook(rows[:size])).ok
        figures["unchanged", size] = counter.count
    created_per_row = (figures["create", 20] - figures["create", 5]) / 15
    unchanged_per_row = (figures["unchanged", 20] - figures["unchanged", 5]) / 15
    assert created_per_row <= 12 and unchanged_per_row <= 1, figures


def test_a_clash_at_the_database_refuses_the_whole_workbook(seeds, monkeypatch):
    """Another session saving the same folio mid-import: one clear error, nothing written."""
    from sqlalchemy.exc import IntegrityError

    from registry.imports.apply import Applier

    def clash(self, row, record):
        raise IntegrityError("INSERT", {}, Exception("unique"))

    monkeypatch.setattr(Applier, "meeting", clash)
    before = database_state()
    result = import_and_commit(build_workbook(AGREEMENT_ROWS, MEETING_ROWS))
    assert [(i.sheet, i.row) for i in result.issues] == [(None, None)]
    assert "mientras se importaba; no se guardó nada" in result.issues[0].message
    assert database_state() == before


def test_the_state_column_schedules_cancels_or_leaves_it_to_the_dates(seeds):
    """Empty: a past meeting is held, one ahead programada; cancelada keeps its reason."""
    ahead = {**MESA, "folio": "REU-2099-001", "fechas": "2099-01-15"}
    called_off = {**RECORRIDO, "estado": "cancelada", "motivo": "Lluvias"}
    import_and_commit(build_workbook([], [MESA, ahead, called_off]))
    assert meeting(MESA["folio"]).state == "realizada"
    assert meeting("REU-2099-001").state == "programada"
    cancelled = meeting(RECORRIDO["folio"])
    assert (cancelled.state, cancelled.cancellation_reason) == ("cancelada", "Lluvias")
    import_and_commit(build_workbook([], [{**RECORRIDO, "motivo": None}]))  # state cell empty
    assert meeting(RECORRIDO["folio"]).state == "cancelada"  # an existing one keeps its own
