"""Import pages: upload → preview (every error, or what would change) → confirm; the template.

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

from registry.auth.permissions import acting_user
from registry.errors import DomainError
from registry.imports import staging
from registry.imports.forms import ConfirmForm, UploadForm
from registry.imports.reader import check_xlsx
from registry.imports.services import run_import
from registry.imports.spec import SHEETS
from registry.imports.template import build_template
from registry.saving import save

bp = Blueprint("imports", __name__, url_prefix="/importar")

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "plantilla-registro-metropolitano.xlsx"
#: Rows listed in a preview (the counts cover them all; every error is always listed).
PREVIEW_ROWS = 500


@bp.route("/", methods=["GET", "POST"])
def index():
    """The upload form; an upload that is an XLSX is kept and its preview shown."""
    form = UploadForm()
    if form.validate_on_submit():
        upload = form.file.data
        content = upload.stream.read(current_app.config["UPLOAD_MAX_BYTES"] + 1)
        problem = _upload_problem(content)
        if problem is None:
            token = staging.stage(content, upload.filename, current_user.id)
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
    """The dry run of the kept upload: every error, or what confirming would change."""
    token = request.args.get("t", "")
    try:
        upload = staging.load(token, current_user.id)
    except DomainError as error:  # not a save: the kept upload is gone or someone else's
        flash(error.message, "warning")
        return redirect(url_for("imports.index"))
    result = run_import(upload.content, user=acting_user(), dry_run=True, filename=upload.filename)
    confirm = ConfirmForm(token=token) if result.ok and result.changes_anything else None
    return _render_preview(result, upload.filename, confirm)


def _render_preview(result, filename, confirm):
    return render_template(
        "imports/preview.html",
        result=result,
        filename=filename,
        confirm=confirm,
        upload=UploadForm(formdata=None),
        sheets=SHEETS,
        preview_rows=PREVIEW_ROWS,
    )


@bp.post("/confirmar")
def confirm():
    form = ConfirmForm()
    try:
        if not form.validate_on_submit():
            raise DomainError(_("Falta la vista previa que desea confirmar."))
        upload = staging.load(form.token.data, current_user.id)
    except DomainError as error:  # not a save yet: there is no kept upload of this user's
        flash(error.message, "warning")
        return redirect(url_for("imports.index"))
    result = save(
        None, lambda: run_import(upload.content, user=acting_user(), filename=upload.filename)
    )
    if result is None:
        return redirect(url_for("imports.index"))
    if not result.ok:  # the registry changed since the preview; nothing was written
        return _render_preview(result, upload.filename, None)
    staging.discard(upload)
    flash(" ".join([_("Importación terminada."), *result.summary_lines()]), "success")
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
