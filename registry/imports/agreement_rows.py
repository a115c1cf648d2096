"""The ``Instrumentos`` sheet: each row read, checked cell by cell, its history planned.

The status history is rebuilt from the dated columns, in lifecycle order, and every step is put
to ``agreements.status.check_move`` (the one definition of what may happen), so a row the
lifecycle would refuse is reported here, with its column, before anything is written.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _

from registry.agreements.models import Agreement, AgreementKind
from registry.agreements.status import MoveRefused, Status, check_move
from registry.auth.models import Role
from registry.folios import folio_problem
from registry.imports.catalog import Catalog
from registry.imports.cells import CellError, RowReader, text
from registry.imports.reader import Sheet
from registry.imports.results import Issue
from registry.imports.spec import AGREEMENTS, DATE_COLUMN_OF, STATUS_DATE_COLUMNS
from registry.parties.models import Party
from registry.topics.models import Topic

#: Lengths of the columns the cells go to (longer text is refused, not cut).
FOLIO_MAX, TITLE_MAX, DOCUMENT_NUMBER_MAX = 30, 300, 120


@dataclass(frozen=True)
class PlannedAct:
    status: Status
    on: date
    column: str  #: the dated column it comes from


@dataclass
class AgreementRow:
    number: int
    folio: str
    kind: AgreementKind
    title: str
    status: Status
    acts: list[PlannedAct]
    parties: list[Party]
    topics: list[Topic] = field(default_factory=list)
    objective: str | None = None
    valid_from: date | None = None
    valid_until: date | None = None
    document_numbers: list[str] = field(default_factory=list)
    reason: str | None = None
    notes: str | None = None


def parse_agreements(
    sheet: Sheet,
    catalog: Catalog,
    existing: dict[str, Agreement],
    *,
    role: Role,
    today: date,
    issues: list[Issue],
) -> list[AgreementRow]:
    """The rows that can be applied; an issue for every cell that cannot."""
    first_rows: dict[str, int] = {}
    parsed = []
    for row in sheet.rows:
        reader = RowReader(AGREEMENTS, row.number, row.values, issues)
        folio, agreement = read_folio(reader, first_rows, existing)
        result = _parse(reader, folio, catalog, agreement, role, today)
        if result is not None:
            parsed.append(result)
    return parsed


def read_folio(reader: RowReader, first_rows: dict[str, int], existing: dict):
    """The row's folio (upper-case, as the services store it) and the record it names, if any.

    A folio seen on an earlier row of the sheet, or naming a deleted record, is an issue.
    """
    folio = reader.text("folio", required=True, max_length=FOLIO_MAX)
    if not folio:
        return None, None
    folio = folio.upper()
    if problem := folio_problem(folio):
        reader.error("folio", problem)
        return None, None
    if folio in first_rows:
        reader.error(
            "folio",
            _(
                "El folio %(f)s ya aparece en la fila %(n)d de esta hoja.",
                f=folio,
                n=first_rows[folio],
            ),
        )
    else:
        first_rows[folio] = reader.number
    record = existing.get(folio)
    if record is not None and record.deleted_at is not None:
        reader.error(
            "folio",
            _(
                "El folio %(f)s es de un registro eliminado: restáurelo desde la papelera o use "
                "otro folio.",
                f=folio,
            ),
        )
    return folio, record


def _parse(reader: RowReader, folio, catalog, agreement, role, today) -> AgreementRow | None:
    keep_parties = frozenset(p.party_id for p in agreement.parties) if agreement else frozenset()
    keep_topics = frozenset(t.id for t in agreement.topics) if agreement else frozenset()
    kind = reader.code("tipo", AgreementKind)
    title = reader.text("titulo", required=True, max_length=TITLE_MAX)
    status = reader.code("estatus", Status)
    parties = lookup(reader, "contrapartes", catalog.parties, keep_parties)
    if parties == []:
        reader.error("contrapartes", _("Indique al menos una contraparte."))
    topics = lookup(reader, "temas", catalog.topics_named, keep_topics)
    valid_from, valid_until = reader.date("vigencia_inicio"), reader.date("vigencia_fin")
    numbers = reader.items("oficio")
    if any(len(number) > DOCUMENT_NUMBER_MAX for number in numbers):
        reader.error(
            "oficio",
            _("Número de oficio demasiado largo: máximo %(n)d caracteres.", n=DOCUMENT_NUMBER_MAX),
        )
    reason = reader.text("motivo")
    acts = plan_acts(reader, status, reason, role=role, today=today)
    # (a value the reader could not read is None and has its issue: the row has failed)
    if reader.failed or kind is None or status is None or parties is None or topics is None:
        return None
    return AgreementRow(
        number=reader.number,
        folio=folio,
        kind=kind,
        title=title,
        status=status,
        acts=acts,
        parties=parties,
        topics=topics,
        objective=reader.text("objetivo"),
        valid_from=valid_from,
        valid_until=valid_until,
        document_numbers=numbers,
        reason=reason,
        notes=reader.text("notas"),
    )


def lookup(reader: RowReader, column: str, find, keep: frozenset[int]) -> list | None:
    """``find`` applied to the cell's items; None (and an issue) when one is unknown."""
    try:
        return find(reader.items(column), keep)
    except CellError as error:
        reader.error(column, str(error))
        return None


def plan_acts(
    reader: RowReader, status: Status | None, reason: str | None, *, role: Role, today: date
) -> list[PlannedAct]:
    """The acts of the dated columns, in lifecycle order, each accepted by ``check_move``."""
    failed_before = reader.failed
    reader.failed = False
    acts, filled = [], []
    for column, act_status in STATUS_DATE_COLUMNS:
        if text(reader.values.get(column)) is not None:
            filled.append((column, act_status))
        day = reader.date(column)
        if day is not None:
            acts.append(PlannedAct(act_status, day, column))
    _check_status_agrees(reader, filled, status, reason)
    if not reader.failed:
        _check_lifecycle(reader, acts, reason, role, today)
    reader.failed = reader.failed or failed_before
    return acts


def _check_status_agrees(reader, filled: list[tuple[str, Status]], status, reason) -> None:
    """``estatus`` is the status of the last dated column; the ends exclude each other."""
    dated = {act_status for _column, act_status in filled}
    if Status.CONCLUIDO in dated and Status.CANCELADO in dated:
        reader.error(
            "fecha_cancelacion",
            _(
                "La fila tiene fecha de conclusión y de cancelación: un instrumento termina de una "
                "sola forma."
            ),
        )
    if reason and Status.CANCELADO not in dated:
        reader.error(
            "motivo", _("Hay motivo pero no fecha_cancelacion: el motivo es el de una cancelación.")
        )
    if status is None:
        return
    if status not in dated:
        reader.error(
            "estatus",
            _(
                "El estatus es «%(s)s», pero %(c)s está vacía.",
                s=status.label,
                c=DATE_COLUMN_OF[status],
            ),
        )
    elif filled[-1][1] != status:
        reader.error(
            "estatus",
            _(
                "El estatus es «%(s)s», pero la fila tiene un acto posterior: %(c)s («%(t)s»).",
                s=status.label,
                c=filled[-1][0],
                t=filled[-1][1].label,
            ),
        )


def _check_lifecycle(reader, acts, reason, role, today) -> None:
    current: PlannedAct | None = None
    for act in acts:
        try:
            check_move(
                current.status if current else None,
                act.status,
                role=role,
                acted_on=act.on,
                today=today,
                current_since=current.on if current else None,
                reason=reason if act.status == Status.CANCELADO else None,
            )
        except MoveRefused as refused:
            for field_name, message in refused.problems:
                report_refusal(reader, field_name, message, act, current)
            return
        current = act


def report_refusal(reader, field_name, message, act: PlannedAct, previous) -> None:
    """A lifecycle refusal, on the column of the act (or ``motivo``), in spreadsheet terms."""
    if field_name == "reason":
        reader.error("motivo", message)
        return
    if field_name == "acted_on" and previous is not None and act.on < previous.on:
        message = _(
            "La fecha %(d)s es anterior a la de %(c)s (%(p)s): las fechas de los actos deben "
            "seguir el orden del ciclo (intención, negociación, firma, ratificación, conclusión "
            "o cancelación).",
            d=act.on.isoformat(),
            c=previous.column,
            p=previous.on.isoformat(),
        )
    elif field_name == "target" and previous is None:
        message += " " + _("En la hoja: llene también la fecha del acto anterior.")
    reader.error(act.column, message)
