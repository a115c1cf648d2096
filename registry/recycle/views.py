"""The recycle bin (admins: list, restore) and the "Mover a la papelera" confirmation page that
the agreements and meetings pages share."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.auth.views import safe_next_url
from registry.extensions import db
from registry.recycle import queries, services
from registry.recycle.forms import BinFilterForm, TrashForm
from registry.recycle.kinds import KINDS, kind_of
from registry.saving import save

bp = Blueprint("recycle", __name__, url_prefix="/admin/papelera")


@bp.route("/")
@requires(Role.ADMIN)
def index():
    form = BinFilterForm()
    page = queries.bin_page(form.kind_key(), current_app.config["ITEMS_PER_PAGE"])
    if not page.items and page.page > 1:  # the last record of the last page was just restored
        return redirect(url_for(".index", kind=form.kind_key(), page=page.pages or 1))
    return render_template(
        "recycle/index.html", form=form, page=page, rows=queries.bin_rows(page.items)
    )


@bp.route("/<kind>/<int:record_id>/restaurar", methods=["POST"])
@requires(Role.ADMIN)
def restore(kind: str, record_id: int):
    if kind not in KINDS:
        abort(404)
    bin_kind = KINDS[kind]
    record = db.get_or_404(bin_kind.model, record_id)
    if save(None, lambda: services.restore(record, user=acting_user())) is not None:
        flash(
            _(
                "Se restauró «%(record)s» (%(kind)s): vuelve a aparecer en listas e informes.",
                kind=str(bin_kind.label).lower(),
                record=bin_kind.describe(record),
            ),
            "success",
        )
    return redirect(safe_next_url(request.form.get("next")) or url_for(".index"))


def confirm_trash(
    record,
    trash: Callable[[str | None], None],
    *,
    back: str,
    done: str,
    consequences: Sequence[str] = (),
):
    """The confirmation page of moving ``record`` to the bin; on POST, ``trash(reason)``.

    ``back`` is the record's page (the Cancel link), ``done`` where to go once it is in the bin,
    ``consequences`` what else the user should know (what hides with it, what stays).
    """
    kind = kind_of(record)
    form = TrashForm(kind.reason_required)
    if form.validate_on_submit() and save(form, lambda: trash(form.reason.data)) is not None:
        flash(
            _(
                "Se envió a la papelera «%(record)s» (%(kind)s); un administrador puede "
                "restaurarlo.",
                kind=str(kind.label).lower(),
                record=kind.describe(record),
            ),
            "success",
        )
        return redirect(done)
    return render_template(
        "recycle/confirm.html",
        form=form,
        kind=kind,
        record=record,
        back=back,
        consequences=consequences,
    )
