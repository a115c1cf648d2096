"""The lifecycle as a table: every (from, to) pair × every role, dates, reasons.

Pure: no app, no database. The expected table below is written out by hand from docs/records.md
(not derived from the code's own table), so a wrong rule in status.py fails here.
"""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from registry.agreements.status import (
    INITIAL,
    Act,
    MoveRefused,
    Status,
    allowed_targets,
    check_move,
    formalization_date,
)
from registry.auth.models import Role

TODAY = date(2025, 6, 15)
YESTERDAY = TODAY - timedelta(days=1)

# F forward (editor) · C cancel (editor, reason) · E conclude (editor)
# R correction, backward (admin, reason) · O reopen an end (admin, reason)
# x refused for everyone · - same status
MATRIX = """
              intencion negociacion firmado ratificado concluido cancelado
intencion     -         F           F       F          x         C
negociacion   R         -           F       F          x         C
firmado       R         R           -       F          E         C
ratificado    R         R           R       -          E         C
concluido     O         O           O       O          -         x
cancelado     O         O           O       O          x         -
"""


def _expected() -> dict[tuple[Status, Status], str]:
    lines = [line.split() for line in MATRIX.strip().splitlines()]
    header, rows = lines[0], lines[1:]
    return {
        (Status(row[0]), Status(target)): cell
        for row in rows
        for target, cell in zip(header, row[1:], strict=True)
    }


EXPECTED = _expected()
MIN_ROLE = {"F": Role.EDITOR, "C": Role.EDITOR, "E": Role.EDITOR, "R": Role.ADMIN, "O": Role.ADMIN}
NEEDS_REASON = {"C", "R", "O"}
PAIRS = sorted(
    EXPECTED, key=lambda pair: (list(Status).index(pair[0]), list(Status).index(pair[1]))
)


def test_the_table_covers_every_pair():
    assert len(EXPECTED) == len(Status) ** 2


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
@pytest.mark.parametrize(("source", "target"), PAIRS, ids=lambda s: s.value)
def test_every_pair_for_every_role(source, target, role):
    cell = EXPECTED[source, target]
    allowed = cell in MIN_ROLE and role.includes(MIN_ROLE[cell])
    reason = "Motivo escrito" if cell in NEEDS_REASON else None
    if allowed:
        move = check_move(source, target, role=role, acted_on=YESTERDAY, today=TODAY, reason=reason)
        assert (move.source, move.target) == (source, target)
        assert move.is_correction == (cell in ("R", "O"))
    else:
        with pytest.raises(MoveRefused) as refused:
            check_move(source, target, role=role, acted_on=YESTERDAY, today=TODAY, reason=reason)
        assert refused.value.field == "target"
        assert len(refused.value.message) > 20  # a sentence, in Spanish


@pytest.mark.parametrize(
    ("source", "target", "expected"),
    [
        (
            Status.INTENCION,
            Status.CONCLUIDO,
            "Solo un instrumento firmado o ratificado puede concluir",
        ),
        (Status.CONCLUIDO, Status.CANCELADO, "primero reabra el instrumento"),
        (Status.FIRMADO, Status.NEGOCIACION, "solo una cuenta de administración"),
        (Status.CANCELADO, Status.FIRMADO, "solo una cuenta de administración"),
        (Status.FIRMADO, Status.FIRMADO, "ya está en «Firmado»"),
    ],
)
def test_refusals_say_why(source, target, expected):
    with pytest.raises(MoveRefused, match=expected):
        check_move(source, target, role=Role.EDITOR, acted_on=YESTERDAY, today=TODAY, reason="x")


@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_allowed_targets_are_the_tables_row(role):
    for source in Status:
        expected = [
            target
            for target in Status
            if EXPECTED[source, target] in MIN_ROLE
            and role.includes(MIN_ROLE[EXPECTED[source, target]])
        ]
        assert allowed_targets(source, role) == expected, source


@pytest.mark.parametrize(
    ("source", "target"), [pair for pair in PAIRS if EXPECTED[pair] in NEEDS_REASON]
)
@pytest.mark.parametrize("reason", [None, "", "   "])
def test_cancellations_and_corrections_need_a_reason(source, target, reason):
    with pytest.raises(MoveRefused) as refused:
        check_move(source, target, role=Role.ADMIN, acted_on=YESTERDAY, today=TODAY, reason=reason)
    assert refused.value.field == "reason"
    assert "motivo" in refused.value.message


@pytest.mark.parametrize(
    ("source", "target"), [pair for pair in PAIRS if EXPECTED[pair] in MIN_ROLE]
)
def test_acts_dated_in_the_future_are_refused(source, target):
    with pytest.raises(MoveRefused, match="no puede ser posterior a hoy") as refused:
        check_move(
            source,
            target,
            role=Role.ADMIN,
            acted_on=TODAY + timedelta(days=1),
            today=TODAY,
            reason="Motivo",
        )
    assert refused.value.field == "acted_on"


@pytest.mark.parametrize(
    ("source", "target"), [pair for pair in PAIRS if EXPECTED[pair] in MIN_ROLE]
)
def test_the_act_date_is_required(source, target):
    with pytest.raises(MoveRefused) as refused:
        check_move(source, target, role=Role.ADMIN, acted_on=None, today=TODAY, reason="Motivo")
    assert refused.value.field == "acted_on"
    expected = "Indique la fecha de firma." if target == Status.FIRMADO else "fecha del acto"
    assert expected in refused.value.message


def test_an_act_can_be_dated_earlier_than_today_and_today_itself():
    for day in (date(2024, 3, 13), TODAY):
        move = check_move(
            Status.INTENCION, Status.FIRMADO, role=Role.EDITOR, acted_on=day, today=TODAY
        )
        assert move.target == Status.FIRMADO


def test_an_act_cannot_be_dated_before_the_current_status():
    with pytest.raises(MoveRefused, match="anterior a la del estatus actual"):
        check_move(
            Status.INTENCION,
            Status.FIRMADO,
            role=Role.EDITOR,
            acted_on=date(2025, 4, 28),
            today=TODAY,
            current_since=date(2025, 4, 29),
        )
    move = check_move(
        Status.INTENCION,
        Status.FIRMADO,
        role=Role.EDITOR,
        acted_on=date(2025, 4, 29),
        today=TODAY,
        current_since=date(2025, 4, 29),
    )
    assert move.target == Status.FIRMADO


def test_every_problem_is_reported_at_once():
    with pytest.raises(MoveRefused) as refused:
        check_move(Status.FIRMADO, Status.CANCELADO, role=Role.EDITOR, acted_on=None, today=TODAY)
    assert [field for field, _ in refused.value.problems] == ["reason", "acted_on"]


@pytest.mark.parametrize("status", list(Status), ids=lambda s: s.value)
@pytest.mark.parametrize("role", list(Role), ids=lambda role: role.value)
def test_the_first_status_of_a_new_agreement(status, role):
    allowed = status in INITIAL and role.includes(Role.EDITOR)
    if allowed:
        move = check_move(None, status, role=role, acted_on=YESTERDAY, today=TODAY)
        assert move.source is None and not move.is_correction
    else:
        with pytest.raises(MoveRefused):
            check_move(None, status, role=role, acted_on=YESTERDAY, today=TODAY)


def test_initial_status_date_rules_apply_too():
    with pytest.raises(MoveRefused, match="posterior a hoy"):
        check_move(
            None, Status.INTENCION, role=Role.EDITOR, acted_on=TODAY + timedelta(1), today=TODAY
        )


D1, D2, D3, D4 = date(2025, 4, 1), date(2025, 5, 1), date(2025, 6, 1), date(2025, 7, 1)


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ([Act(Status.INTENCION, D1)], None),
        ([Act(Status.INTENCION, D1), Act(Status.FIRMADO, D2)], D2),
        ([Act(Status.FIRMADO, D1), Act(Status.RATIFICADO, D2)], D1),
        # a later cancellation or conclusion does not undo the formalization
        ([Act(Status.FIRMADO, D1), Act(Status.CANCELADO, D2)], D1),
        ([Act(Status.RATIFICADO, D1), Act(Status.CONCLUIDO, D3)], D1),
        # a correction back before firmado says the signature was recorded in error
        (
            [Act(Status.INTENCION, D1), Act(Status.FIRMADO, D2), Act(Status.NEGOCIACION, D3, True)],
            None,
        ),
        # ... and a later signature then counts from its own date
        ([Act(Status.FIRMADO, D1), Act(Status.INTENCION, D2, True), Act(Status.FIRMADO, D4)], D4),
        # a correction between formalized statuses keeps the first date
        ([Act(Status.FIRMADO, D1), Act(Status.RATIFICADO, D2), Act(Status.FIRMADO, D3, True)], D1),
        # reopening a cancelled agreement as signed formalizes it then
        ([Act(Status.INTENCION, D1), Act(Status.CANCELADO, D2), Act(Status.FIRMADO, D3, True)], D3),
    ],
)
def test_formalization_date(history, expected):
    assert formalization_date(history) == expected
