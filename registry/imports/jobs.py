"""Checking and importing a workbook outside the request, with its progress for the page.

A workbook of thousands of rows takes longer than a page may keep a worker (see the benchmark in
``tests/benchmarks/test_import_speed.py``), so the upload and the confirmation start the work in a
thread of the worker and answer at once (after waiting ``IMPORT_WAIT_SECONDS`` for small
workbooks, which then need no progress page). The thread writes its progress, then its result,
into the upload's state file (``registry.imports.staging``); the page shows a progress bar that
reloads itself until the work is done. Nothing of it lives in one process's memory: any worker
answers the next look at the page.

The import is one transaction, committed at its end, so a worker that dies midway (a restart)
writes nothing; its state stops changing and, after ``STALE_SECONDS``, the page says the work
was interrupted and asks for the file again.
"""

from __future__ import annotations

import threading
import time
from typing import Any

from flask import Flask, current_app
from flask_babel import gettext as _
from sqlalchemy.exc import IntegrityError

from registry.auth.models import User
from registry.errors import DomainError, version_checked
from registry.extensions import db
from registry.i18n import lazy_gettext as _l
from registry.imports import staging
from registry.imports.results import ImportResult, Issue
from registry.imports.services import run_import
from registry.imports.staging import StagedUpload

PREVIEW, IMPORT = "preview", "import"
RUNNING, DONE, FAILED = "running", "done", "failed"
#: A running job's state is written at least this often (seconds)…
BEAT_SECONDS = 0.5
#: …so one silent for this long died with its worker.
STALE_SECONDS = 60
_CLASH = _l(
    "Otra persona guardó alguno de estos registros mientras se importaba; no se guardó nada. "
    "Vuelva a subir el libro."
)


def start(upload: StagedUpload, phase: str) -> threading.Thread:
    """Check (``PREVIEW``: a dry run) or import (``IMPORT``) the upload in a new thread."""
    staging.write_state(upload, phase=phase, state=RUNNING, done=0, total=0)
    # Flask types current_app as Flask, though it is a proxy: this is how to get the app behind it.
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    thread = threading.Thread(
        target=_run, args=(app, upload, phase), name=f"importacion-{upload.name[:8]}", daemon=True
    )
    thread.start()
    thread.join(timeout=app.config["IMPORT_WAIT_SECONDS"])
    return thread


def state_of(upload: StagedUpload) -> dict[str, Any]:
    """The upload's state; a running job that stopped reporting is a failed one."""
    state = staging.read_state(upload)
    if state.get("state") == RUNNING and time.time() - state["updated_at"] > STALE_SECONDS:
        return {**state, "state": FAILED, "message": interrupted_message(state["phase"])}
    return state


def result_of(state: dict[str, Any]) -> ImportResult | None:
    return ImportResult.from_dict(state["result"]) if state.get("result") else None


def interrupted_message(phase: str) -> str:
    if phase == IMPORT:
        return _("La importación se interrumpió y no se guardó nada. Suba el archivo otra vez.")
    return _("La revisión del libro se interrumpió. Suba el archivo otra vez.")


def _import(upload: StagedUpload, phase: str, progress) -> ImportResult:
    """The dry run or the import, committed; a refusal at the commit (someone saved one of these
    records meanwhile) is the result's issue, with nothing written, as ``saving.save`` does."""
    result = ImportResult(dry_run=phase == PREVIEW)
    try:
        with version_checked():
            result = run_import(
                upload.content,
                user=db.session.get(User, upload.user_id),
                dry_run=phase == PREVIEW,
                filename=upload.filename,
                progress=progress,
            )
            if result.written:
                db.session.commit()
    except (DomainError, IntegrityError) as refusal:
        db.session.rollback()
        message = refusal.message if isinstance(refusal, DomainError) else _CLASH
        result.outcomes.clear()
        result.issues.append(Issue(None, None, None, str(message)))
    return result


def _run(app: Flask, upload: StagedUpload, phase: str) -> None:
    with app.app_context():
        last = [0.0]

        def progress(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= BEAT_SECONDS or done == total:
                last[0] = now
                staging.write_state(upload, phase=phase, state=RUNNING, done=done, total=total)

        try:
            result = _import(upload, phase, progress)
            staging.write_state(upload, phase=phase, state=DONE, result=result.to_dict())
        except Exception:
            db.session.rollback()
            app.logger.exception("Importación fallida (%s)", phase)
            staging.write_state(
                upload, phase=phase, state=FAILED, message=interrupted_message(phase)
            )
        finally:
            db.session.remove()
