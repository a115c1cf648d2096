"""Commitment pages: the open list, adding one to a meeting, correcting, closing, reopening.

Their addresses stay under the meetings' (/reuniones/acuerdos…); a commitment added from a
meeting's page that is refused shows that page again, with the form's errors.
"""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.auth.views import safe_next_url
from registry.commitments import queries, services
from registry.commitments.forms import ClosingForm, CommitmentForm
from registry.commitments.models import Commitment
from registry.dates import today_local
from registry.extensions import db
from registry.forms import filled
from registry.meetings.views import get_meeting, render_detail
from registry.pagination import paginate
from registry.saving import save

bp = Blueprint("commitments", __name__, url_prefix="/reuniones")


@bp.route("/acuerdos")
def index():
    today = today_local()
    party_id = request.args.get("contraparte", type=int)
    query = queries.open_commitments(party_id=party_id, today=today)
    page = paginate(query, error_out=False)
    if not page.items and page.page > 1:  # the last item of the last page was just closed
        return redirect(url_for(".index", contraparte=party_id, page=page.pages or 1))
    overdue, overdue_exact = queries.overdue_count(today)
    return render_template(
        "commitments/index.html",
        page=page,
        party_id=party_id,
        parties=queries.open_commitment_parties(),
        overdue=overdue,
        overdue_exact=overdue_exact,
        today=today,
        is_overdue=services.is_overdue,
    )


def get_commitment(commitment_id: int) -> Commitment:
    commitment = db.get_or_404(Commitment, commitment_id)
    get_meeting(commitment.meeting_id)  # 404 when its meeting was deleted
    return commitment


@bp.route("/<id:meeting_id>/acuerdos", methods=["POST"])
def add(meeting_id: int):
    meeting = get_meeting(meeting_id)
    form = CommitmentForm()
    if form.validate_on_submit():
        added = save(
            form,
            lambda: services.add_commitment(
                meeting,
                filled(form.text.data),
                form.responsible.selected_party(),
                form.due_on.data,
                user=acting_user(),
            ),
        )
        if added is not None:
            flash(_("Acuerdo agregado."), "success")
            return redirect(url_for("meetings.detail", meeting_id=meeting.id, _anchor="acuerdos"))
    return render_detail(meeting, commitment_form=form)


@bp.route("/acuerdos/<id:commitment_id>", methods=["GET"])
def detail(commitment_id: int):
    item = get_commitment(commitment_id)
    return render_template(
        "commitments/detail.html",
        commitment=item,
        closing_form=ClosingForm(formdata=None),
        today=today_local(),
        is_overdue=services.is_overdue,
    )


@bp.route("/acuerdos/<id:commitment_id>/editar", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(commitment_id: int):
    item = get_commitment(commitment_id)
    data = {"text": item.text, "responsible": item.responsible_party_id, "due_on": item.due_on}
    form = CommitmentForm(data=data)
    if form.validate_on_submit():
        saved = save(
            form,
            lambda: services.update_commitment(
                item,
                filled(form.text.data),
                form.responsible.selected_party(),
                form.due_on.data,
                user=acting_user(),
            ),
        )
        if saved is not None:
            flash(_("Acuerdo actualizado."), "success")
            return redirect(url_for(".detail", commitment_id=item.id))
    return render_template("commitments/form.html", form=form, commitment=item)


@bp.route("/acuerdos/<id:commitment_id>/cumplir", methods=["POST"])
def close(commitment_id: int):
    return _finish(
        commitment_id,
        lambda item, note: services.close_commitment(item, acting_user(), note),
        _("Acuerdo marcado como cumplido."),
    )


@bp.route("/acuerdos/<id:commitment_id>/cancelar", methods=["POST"])
def cancel(commitment_id: int):
    return _finish(
        commitment_id,
        lambda item, note: services.cancel_commitment(item, note, acting_user()),
        _("Acuerdo cancelado."),
    )


@bp.route("/acuerdos/<id:commitment_id>/reabrir", methods=["POST"])
def reopen(commitment_id: int):
    return _finish(
        commitment_id,
        lambda item, note: services.reopen_commitment(item, acting_user()),
        _("Acuerdo reabierto."),
    )


def _finish(commitment_id: int, change, message: str):
    """Apply a status change; a refusal shows on the commitment's page and writes nothing."""
    item = get_commitment(commitment_id)
    form = ClosingForm()
    if form.validate_on_submit() and save(form, lambda: change(item, form.note.data)) is not None:
        flash(message, "success")
        target = safe_next_url(request.form.get("next"))
        return redirect(target or url_for(".detail", commitment_id=commitment_id))
    return render_template(
        "commitments/detail.html",
        commitment=get_commitment(commitment_id),
        closing_form=form,
        today=today_local(),
        is_overdue=services.is_overdue,
    )
