"""Import pages: upload → preview (every error, or what would change) → confirm; the template.

The check and the import run outside the request (``registry.imports.jobs``); the preview page
shows their progress until they are done, then the kept preview, then the import's outcome.

Authorization is the central policy's: reading the page and the template needs a login; the
upload and the confirmation (POST) need the ``editor`` role.
"""

from __future__ import annotations

import io

from flask import (
    Blueprint,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user

from registry.errors import DomainError
from registry.forms import filled
from registry.imports import jobs, staging
from registry.imports.forms import ConfirmForm, UploadForm
from registry.imports.reader import check_xlsx
from registry.imports.spec import SHEETS
from registry.imports.template import build_template

bp = Blueprint("imports", __name__, url_prefix="/importar")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "plantilla-registro-metropolitano.xlsx"
#: Rows listed in a preview (the counts cover them all; every error is always listed).
PREVIEW_ROWS = 500


@bp.route("/", methods=["GET", "POST"])
def index():
    """The upload form; an upload that is an XLSX is kept, and its check started."""
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        content = upload.stream.read(current_app.config["UPLOAD_MAX_BYTES"] + 1)
        problem = _upload_problem(content)
        if problem is None:
            token, staged = staging.stage(content, upload.filename, current_user.id)
            jobs.start(staged, jobs.PREVIEW)
            return redirect(url_for("imports.preview", t=token))
        form.file.errors.append(problem)
    return render_template("imports/index.html", form=form)


def _upload_problem(content: bytes) -> str | None:
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    if len(content) > limit:
        return _("El archivo supera el máximo de %(mb)d MB.", mb=limit // (1024 * 1024))
    return check_xlsx(content)


@bp.get("/vista-previa")
def preview():
    """Where the upload stands: the check's progress, then its preview (every error, or what
    confirming would change), then the import's progress, then back to the upload form."""
    token = request.args.get("t", "")
    try:
        upload = staging.load(token, current_user.id)
    except DomainError as error:  # not a save: the kept upload is gone or someone else's
        flash(error.message, "warning")
        return redirect(url_for("imports.index"))
    state = jobs.state_of(upload)
    if state.get("state") == jobs.RUNNING:
        return render_template("imports/progress.html", state=state, filename=upload.filename)
    result = jobs.result_of(state)  # (a finished check or import always has its result)
    if state.get("state") != jobs.DONE or result is None:
        flash(state.get("message") or jobs.interrupted_message(jobs.PREVIEW), "warning")
        staging.discard(upload)
        return redirect(url_for("imports.index"))
    if state["phase"] == jobs.IMPORT and result.ok:
        staging.discard(upload)
        flash(" ".join([_("Importación terminada."), *result.summary_lines()]), "success")
        return redirect(url_for("imports.index"))
    # A preview, or an import refused because the registry changed since (nothing was written).
    can_confirm = state["phase"] == jobs.PREVIEW and result.ok and result.changes_anything
    return _render_preview(result, upload.filename, token, can_confirm)


def _render_preview(result, filename, token, can_confirm):
    return render_template(
        "imports/preview.html",
        result=result,
        filename=filename,
        confirm=ConfirmForm(token=token) if can_confirm else None,
        token=token,
        upload=UploadForm(formdata=None),
        sheets=SHEETS,
        preview_rows=PREVIEW_ROWS,
    )


def _staged_from_form():
    form = ConfirmForm()
    if not form.validate_on_submit():
        raise DomainError(_("Falta la vista previa que desea confirmar."))
    token = filled(form.token.data)
    return token, staging.load(token, current_user.id)


@bp.post("/confirmar")
def confirm():
    """Start the import of a previewed upload (once: a second click just shows its progress)."""
    try:
        token, upload = _staged_from_form()
    except DomainError as error:
        flash(error.message, "warning")
        return redirect(url_for("imports.index"))
    state = jobs.state_of(upload)
    previewed = state.get("phase") == jobs.PREVIEW and state.get("state") == jobs.DONE
    result = jobs.result_of(state) if previewed else None
    if result is not None and result.ok and staging.claim_import(upload):
        jobs.start(upload, jobs.IMPORT)
    return redirect(url_for("imports.preview", t=token))


@bp.post("/descartar")
def discard():
    """Drop an upload and its preview without importing it."""
    try:
        _token, upload = _staged_from_form()
    except DomainError as error:
        flash(error.message, "warning")
        return redirect(url_for("imports.index"))
    if jobs.state_of(upload).get("state") != jobs.RUNNING:
        staging.discard(upload)
        flash(_("Se descartó el libro %(name)s; no se importó nada.", name=upload.filename), "info")
    return redirect(url_for("imports.index"))


@bp.get("/plantilla.xlsx")
def template():
    return send_file(
        io.BytesIO(build_template()),
        mimetype=XLSX_TYPE,
        as_attachment=True,
        download_name=TEMPLATE_NAME,
        max_age=0,
    )
