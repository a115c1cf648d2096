"""Evidence of a meeting: upload a photo or scan, link a post, remove one (to the recycle bin)."""

from __future__ import annotations

from flask import abort, flash, redirect, request, url_for
from flask_babel import gettext as _

from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.errors import DomainError, show_on_form
from registry.extensions import db
from registry.meetings import evidence as services
from registry.meetings.forms import EvidenceFileForm, EvidenceLinkForm
from registry.meetings.models import Evidence
from registry.meetings.views import bp, get_meeting, render_detail
from registry.recycle.views import confirm_trash


@bp.route("/<id:meeting_id>/evidencia/archivo", methods=["POST"])
def add_file(meeting_id: int):
    meeting = get_meeting(meeting_id)
    form = EvidenceFileForm()
    if form.validate_on_submit():
        try:
            services.add_file_evidence(
                meeting,
                request.files.get(form.file.name),
                form.kind.data,
                form.title.data,
                user=acting_user(),
            )
        except DomainError as error:
            db.session.rollback()
            show_on_form(form, error)
        else:
            db.session.commit()
            flash(_("Evidencia agregada."), "success")
            return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="evidencia"))
    return render_detail(get_meeting(meeting_id), file_form=form)


@bp.route("/<id:meeting_id>/evidencia/enlace", methods=["POST"])
def add_link(meeting_id: int):
    meeting = get_meeting(meeting_id)
    form = EvidenceLinkForm()
    if form.validate_on_submit():
        try:
            services.add_link_evidence(meeting, form.url.data, form.title.data, acting_user())
        except DomainError as error:
            db.session.rollback()
            show_on_form(form, error)
        else:
            db.session.commit()
            flash(_("Enlace agregado."), "success")
            return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="evidencia"))
    return render_detail(get_meeting(meeting_id), link_form=form)


@bp.route("/evidencia/<id:evidence_id>/quitar", methods=["GET", "POST"])
@requires(Role.EDITOR)
def remove_evidence(evidence_id: int):
    item = db.get_or_404(Evidence, evidence_id)
    meeting = get_meeting(item.meeting_id)
    if item.deleted_at is not None:
        abort(404)
    back = url_for(".detail", meeting_id=meeting.id, _anchor="evidencia")
    return confirm_trash(
        item,
        lambda reason: services.remove_evidence(item, acting_user(), reason),
        back=back,
        done=back,
    )
