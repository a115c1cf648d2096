"""The quarterly report page and its downloads."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request

from registry.dates import today_local
from registry.downloads import file_response
from registry.i18n import lazy_gettext as _l
from registry.reports.exports import FORMATS, file_name
from registry.reports.forms import QuarterForm
from registry.reports.queries import REVIEW_CHECKS, quarterly_report, review
from registry.settings.services import report_settings
from registry.transparency import exports as transparency

bp = Blueprint("reports", __name__, url_prefix="/informes")

FORMAT_TITLES = {
    "json": _l("Datos del informe (JSON)"),
    "csv": _l("Una tabla con todas las secciones (CSV, UTF-8)"),
    "xlsx": _l("Hoja de cálculo, una hoja por sección"),
    "docx": _l("Informe trimestral redactado (Word)"),
}


@bp.route("/")
def index():
    form = QuarterForm.from_args(request.args)
    report = quarterly_report(*form.period()) if form.validate() else None
    checks = review(*form.period(), today_local()) if report else []
    return render_template(
        "reports/quarterly.html",
        form=form,
        report=report,
        review=checks,
        review_checks=REVIEW_CHECKS,
        formats=FORMATS,
        format_titles=FORMAT_TITLES,
        signer=report_settings(),
    )


@bp.route("/trimestral.<fmt>")
def download(fmt: str):
    if fmt not in FORMATS:
        abort(404)
    form = QuarterForm(request.args)
    if not form.validate():
        abort(400)
    export = FORMATS[fmt]
    report = quarterly_report(*form.period())
    name = file_name(report, export.extension)
    return file_response(export.render(report), name, export.mimetype, inline=fmt == "json")


@bp.route("/transparencia.xlsx")
def transparency_download():
    """The quarter's formalized agreements in the transparency format (Art. 70 fr. XXXIII)."""
    form = QuarterForm(request.args)
    if not form.validate():
        abort(400)
    year, quarter = form.period()
    return file_response(
        transparency.transparency_xlsx(year, quarter),
        transparency.file_name(year, quarter),
        FORMATS["xlsx"].mimetype,
    )
