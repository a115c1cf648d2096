"""An agreement's recorded history against the dated columns of its row: what the import adds.

The registry's history is never rewritten by a spreadsheet. A dated column the registry already
has must carry the same date; an act the registry has cannot be left out; new acts may only come
after the agreement's current status (they are then appended through ``change_status``). A row
that contradicts the record is refused with the reason: the correction, if the record is wrong,
is made on the agreement's page, by an administrator, with its written reason.
"""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _

from registry.agreements.models import Agreement
from registry.agreements.status import ENDS, PROGRESSION, Status
from registry.imports.agreement_rows import AgreementRow, PlannedAct
from registry.imports.spec import DATE_COLUMN_OF


def position(status: Status) -> int:
    """Where a status stands in the lifecycle; both ends come after the whole progression."""
    return len(PROGRESSION) if status in ENDS else PROGRESSION.index(status)


def recorded_dates(agreement: Agreement) -> dict[Status, date]:
    """The history as the dated columns would show it: each standing status and its date.

    Replays the moves in the order they were recorded; a correction (or reopening) to a status
    removes the statuses after it, keeping that status's own earlier date if it had one.
    """
    dates: dict[Status, date] = {}
    for change in sorted(agreement.status_changes, key=lambda c: c.id or 0):
        target = change.to_status
        if change.is_correction:
            dates = {
                s: d for s, d in dates.items() if position(s) < position(target) or s == target
            }
            dates.setdefault(target, change.acted_on)
        else:
            dates[target] = change.acted_on
    return dates


def new_acts(row: AgreementRow, agreement: Agreement) -> tuple[list[PlannedAct], list]:
    """The row's acts the registry lacks, and (column, reason) for each contradiction."""
    recorded = recorded_dates(agreement)
    in_sheet = {act.status: act for act in row.acts}
    problems = []
    for status, day in recorded.items():
        act = in_sheet.get(status)
        if act is None:
            problems.append((DATE_COLUMN_OF[status], _missing_act(status, day)))
        elif act.on != day:
            problems.append((act.column, _changed_act(status, day, act.on)))
    pending = [act for act in row.acts if act.status not in recorded]
    for act in pending:
        if position(act.status) <= position(agreement.status):
            problems.append((act.column, _inserted_act(agreement, act)))
    return pending, problems


def _missing_act(status: Status, day: date) -> str:
    return _(
        "El registro ya tiene «%(s)s» del %(d)s y la hoja deja %(c)s vacía. El importador no "
        "borra actos del historial: escriba esa fecha o, si el registro está mal, corríjalo en "
        "la página del instrumento.",
        s=status.label,
        d=day.isoformat(),
        c=DATE_COLUMN_OF[status],
    )


def _changed_act(status: Status, day: date, written: date) -> str:
    return _(
        "En el registro, «%(s)s» es del %(d)s y la hoja dice %(w)s. El importador no reescribe "
        "el historial: corrija la hoja o, si el registro está mal, corríjalo en la página del "
        "instrumento.",
        s=status.label,
        d=day.isoformat(),
        w=written.isoformat(),
    )


def _inserted_act(agreement: Agreement, act: PlannedAct) -> str:
    since = agreement.status_date.isoformat() if agreement.status_date else "—"
    return _(
        "El instrumento ya está en «%(s)s» (desde %(d)s): «%(a)s» iría antes en el historial, y "
        "el importador solo agrega actos posteriores al estatus actual.",
        s=agreement.status.label,
        d=since,
        a=act.status.label,
    )
