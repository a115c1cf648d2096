"""The quarterly report page and its downloads."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from registry.reports.exports import FORMATS, file_name
from registry.reports.forms import QuarterForm
from registry.reports.quarterly import quarterly_report

bp = Blueprint("reports", __name__, url_prefix="/informes")


@bp.route("/")
def index():
    form = QuarterForm.from_args(request.args)
    report = quarterly_report(form.anio.data, form.trimestre.data) if form.validate() else None
    return render_template("reports/quarterly.html", form=form, report=report,
                           formats=FORMATS)  # fmt: skip


@bp.route("/trimestral.<fmt>")
def download(fmt: str):
    if fmt not in FORMATS:
        abort(404)
    form = QuarterForm(request.args)
    if not form.validate():
        abort(400)
    export = FORMATS[fmt]
    report = quarterly_report(form.anio.data, form.trimestre.data)
    disposition = "inline" if fmt == "json" else "attachment"
    return Response(
        export.render(report),
        mimetype=export.mimetype,
        headers={"Content-Disposition":
                 f'{disposition}; filename="{file_name(report, export.extension)}"'},
    )  # fmt: skip
