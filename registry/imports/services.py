"""The spreadsheet import, all or nothing, shared by the web pages and the command line.

    result = run_import(content, user=editor, dry_run=True)

1. read the workbook (an XLSX by content; sheets ``Instrumentos`` and ``Reuniones``; headers);
2. read and check every row of both sheets, cell by cell, against catalogues loaded once
   (parties, topics, indicators) and the records the folios name (loaded once, eagerly);
3. apply every row that passed through the domain services, in the session's transaction,
   reporting what they refuse with its row and column;
4. if anything at all was wrong, or this is a dry run, roll the whole transaction back: nothing
   is written. Otherwise the caller commits (one commit per request or command).

No savepoints: SQLite's Python driver starts its transaction lazily, and a savepoint opened
before it would commit on release. The services check before they change anything, and a
refusal anywhere means the whole transaction is rolled back, so per-row savepoints would add
nothing. Re-importing the same workbook changes nothing: unchanged records are compared, not
rewritten (no new versions, status moves or audit events).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from registry.agreements.models import Agreement, AgreementParty
from registry.agreements.services import actor_role
from registry.audit import services as audit
from registry.dates import today_local
from registry.extensions import db
from registry.imports.agreement_rows import parse_agreements
from registry.imports.apply import Applier
from registry.imports.catalog import Catalog
from registry.imports.cells import text
from registry.imports.meeting_rows import parse_meetings
from registry.imports.reader import Sheet, read_workbook
from registry.imports.results import Action, ImportResult, Issue
from registry.imports.spec import AGREEMENTS, MEETINGS, SHEETS
from registry.meetings.models import Meeting

#: Folios per ``IN (...)`` query when loading the records a workbook names.
CHUNK = 500

#: ``progress(rows_done, rows_in_all)``, called as rows are applied (a progress bar's figures).
Progress = Callable[[int, int], None]


def run_import(
    content: bytes,
    *,
    user=None,
    dry_run: bool = False,
    filename: str | None = None,
    today: date | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Import a workbook as ``user`` (None: the command line); see the module docstring."""
    result = ImportResult(dry_run=dry_run)
    sheets, result.issues = read_workbook(content)
    if sheets:
        try:
            _import_sheets(sheets, result, user, today or today_local(), progress)
        except IntegrityError:
            db.session.rollback()
            result.issues.append(
                Issue(
                    None,
                    None,
                    None,
                    _(
                        "Otra persona guardó registros con estos folios mientras se importaba; "
                        "no se guardó nada. Vuelva a intentarlo."
                    ),
                )
            )
    if result.ok and not dry_run and result.changes_anything:
        _record_import(content, filename, result, user)
    else:
        db.session.rollback()
    return result


def _import_sheets(
    sheets: dict[str, Sheet], result: ImportResult, user, today: date, progress: Progress | None
) -> None:
    catalog = Catalog()
    agreements = _existing(Agreement, _folios(sheets.get(AGREEMENTS)), _agreement_loads())
    meetings = _existing(Meeting, _folios(sheets.get(MEETINGS)), _meeting_loads())
    agreement_rows = meeting_rows = []
    if AGREEMENTS in sheets:
        agreement_rows = parse_agreements(
            sheets[AGREEMENTS],
            catalog,
            agreements,
            role=actor_role(user),
            today=today,
            issues=result.issues,
        )
    if MEETINGS in sheets:
        meeting_rows = parse_meetings(sheets[MEETINGS], catalog, meetings, result.issues)
    applier = Applier(result, user=user, today=today)
    total, done = len(agreement_rows) + len(meeting_rows), 0
    # Every service flushes what it changed; autoflush would only add flushes of audit events.
    with db.session.no_autoflush:
        for agreement_row in agreement_rows:
            applier.agreement(agreement_row, agreements.get(agreement_row.folio))
            done += 1
            if progress is not None:
                progress(done, total)
        for meeting_row in meeting_rows:
            applier.meeting(meeting_row, meetings.get(meeting_row.folio))
            done += 1
            if progress is not None:
                progress(done, total)
    db.session.flush()


def _folios(sheet: Sheet | None) -> set[str]:
    if sheet is None:
        return set()
    return {folio.upper() for row in sheet.rows if (folio := text(row.values.get("folio")))}


def _existing(model, folios: set[str], loads) -> dict:
    """The records (deleted ones too) whose folio the sheet names, with what the import reads."""
    found = {}
    ordered = sorted(folios)
    for start in range(0, len(ordered), CHUNK):
        query = select(model).where(model.folio.in_(ordered[start : start + CHUNK])).options(*loads)
        found.update({record.folio: record for record in db.session.scalars(query)})
    return found


def _agreement_loads():
    return (
        selectinload(Agreement.parties).selectinload(AgreementParty.party),
        selectinload(Agreement.topics),
        selectinload(Agreement.status_changes),
        selectinload(Agreement.documents),
    )


def _meeting_loads():
    return (
        selectinload(Meeting.dates),
        selectinload(Meeting.parties),
        selectinload(Meeting.topics),
        selectinload(Meeting.agreements),
        selectinload(Meeting.people),
        selectinload(Meeting.commitments),
        selectinload(Meeting.evidence),
        selectinload(Meeting.indicator),
    )


def _record_import(content: bytes, filename: str | None, result: ImportResult, user) -> None:
    """One audit event for the import as a whole (the records have their own events)."""
    counts = {
        sheet: {action.value: n for action, n in result.counts(sheet).items()} for sheet in SHEETS
    }
    audit.record(
        "import",
        "workbook",
        None,
        user=user,
        after={"file": filename, "sha256": hashlib.sha256(content).hexdigest(), "rows": counts},
    )
    db.session.flush()


__all__ = ["Action", "ImportResult", "Issue", "run_import"]
