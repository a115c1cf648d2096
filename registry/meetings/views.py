"""Meeting pages: list, month calendar, detail, create/edit/delete, .ics download; a meeting's
evidence (upload a photo or scan, link a post, remove one to the recycle bin); and the calendar
subscription (each user's page to manage it, and the feed phones read).

Commitments have their own pages (``registry.commitments.views``). Authorization is the central
policy's (GET: signed in; changes: editor).
"""

from __future__ import annotations

from datetime import date
from functools import partial

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user

from registry.auth import services as accounts
from registry.auth.models import Role
from registry.auth.permissions import acting_user, public, requires
from registry.commitments import services as commitments
from registry.commitments.forms import ClosingForm, CommitmentForm
from registry.dates import today_local
from registry.downloads import file_response
from registry.errors import DomainError
from registry.extensions import db
from registry.forms import FlaskForm, filled
from registry.meetings import exports, queries, services
from registry.meetings.forms import (
    EvidenceFileForm,
    EvidenceLinkForm,
    MeetingCreateForm,
    MeetingFilterForm,
    MeetingForm,
    MeetingStateForm,
)
from registry.meetings.models import Evidence, Meeting
from registry.pagination import paginate
from registry.recycle.views import confirm_trash
from registry.saving import save

bp = Blueprint("meetings", __name__, url_prefix="/reuniones")


def get_meeting(meeting_id: int) -> Meeting:
    """The meeting, or 404 when it does not exist or was deleted."""
    meeting = db.get_or_404(Meeting, meeting_id)
    if meeting.deleted_at is not None:
        abort(404)
    return meeting


@bp.route("/")
def index():
    form = MeetingFilterForm(request.args)
    page = paginate(queries.search(form.filters()))
    return render_template("meetings/index.html", form=form, page=page)


@bp.route("/calendario")
def calendar():
    today = today_local()
    year = request.args.get("anio", today.year, type=int)
    number = request.args.get("mes", today.month if year == today.year else 1, type=int)
    if not (2000 <= year <= 2100 and 1 <= number <= 12):
        abort(404)
    first = date(year, number, 1)
    previous = date(year - 1, 12, 1) if number == 1 else date(year, number - 1, 1)
    following = date(year + 1, 1, 1) if number == 12 else date(year, number + 1, 1)
    return render_template(
        "meetings/calendar.html",
        first=first,
        month_name=format_date(first, "LLLL"),
        weeks=queries.month_weeks(year, number),
        previous=previous,
        following=following,
    )


@bp.route("/<id:meeting_id>")
def detail(meeting_id: int):
    return render_detail(get_meeting(meeting_id))


def render_detail(meeting: Meeting, **forms):
    """The detail page, with the editing forms (a failed one passed in keeps its errors)."""
    forms.setdefault("commitment_form", CommitmentForm(formdata=None))
    forms.setdefault("file_form", EvidenceFileForm(formdata=None))
    forms.setdefault("link_form", EvidenceLinkForm(formdata=None))
    forms.setdefault("state_form", MeetingStateForm(formdata=None))
    return render_template(
        "meetings/detail.html",
        meeting=meeting,
        closing_form=ClosingForm(formdata=None),
        evidence=[item for item in meeting.evidence if item.deleted_at is None],
        today=today_local(),
        is_overdue=commitments.is_overdue,
        **forms,
    )


@bp.route("/nueva", methods=["GET", "POST"])
@requires(Role.EDITOR)  # the form itself is of no use to a reader
def create():
    form = MeetingCreateForm()

    def create_with_commitments() -> Meeting:
        meeting = services.create_meeting(form.meeting_data(), user=acting_user())
        for row in form.new_commitments():
            commitments.add_commitment(meeting, user=acting_user(), **row)
        return meeting

    if form.validate_on_submit():
        meeting = save(form, create_with_commitments)
        if meeting is not None:
            flash(_("Reunión %(folio)s registrada.", folio=meeting.folio), "success")
            return redirect(url_for(".detail", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=None)


@bp.route("/<id:meeting_id>/editar", methods=["GET", "POST"])
@requires(Role.EDITOR)
def edit(meeting_id: int):
    meeting = get_meeting(meeting_id)
    form = MeetingForm() if request.method == "POST" else MeetingForm.for_meeting(meeting)
    if form.validate_on_submit():
        saved = save(
            form,
            lambda: services.update_meeting(
                meeting, form.meeting_data(), acting_user(), form.expected_version()
            ),
        )
        if saved is not None:
            flash(_("Reunión %(folio)s actualizada.", folio=meeting.folio), "success")
            return redirect(url_for(".detail", meeting_id=meeting.id))
    return render_template("meetings/form.html", form=form, meeting=meeting)


@bp.route("/<id:meeting_id>/estado", methods=["POST"])
def set_state(meeting_id: int):
    """Confirm a programada meeting was held, or cancel it with the reason."""
    meeting = get_meeting(meeting_id)
    form = MeetingStateForm()
    if form.validate_on_submit() and save(
        form,
        lambda: services.set_state(meeting, form.state.data, form.reason.data, acting_user()),
        show=_state_refused,
    ):
        flash(
            _("Reunión %(folio)s: %(state)s.", folio=meeting.folio, state=meeting.state.label),
            "success",
        )
        return redirect(url_for(".detail", meeting_id=meeting.id))
    return render_detail(get_meeting(meeting_id), state_form=form), 422


def _state_refused(form: MeetingStateForm, error: DomainError) -> None:
    """A refused confirmation or cancellation, under the reason (the one field shown)."""
    form.reason.errors = [*form.reason.errors, error.message]


@bp.route("/<id:meeting_id>/eliminar", methods=["GET", "POST"])
@requires(Role.EDITOR)
def delete(meeting_id: int):
    meeting = get_meeting(meeting_id)
    return confirm_trash(
        meeting,
        lambda reason: services.delete_meeting(meeting, acting_user(), reason),
        back=url_for(".detail", meeting_id=meeting.id),
        done=url_for(".index"),
        consequences=[
            _(
                "Sus acuerdos dejan de contar como pendientes o vencidos, y su evidencia se "
                "oculta con ella; todo vuelve si se restaura."
            ),
            _("Deja de contar para los indicadores MIR y el calendario."),
        ],
    )


@bp.route("/<id:meeting_id>.ics")
def ics_file(meeting_id: int):
    meeting = get_meeting(meeting_id)
    body = exports.calendar_for([meeting], meeting.title, meeting_url)
    return calendar_response(body, f"{meeting.folio}.ics")


def meeting_url(meeting: Meeting) -> str:
    return url_for("meetings.detail", meeting_id=meeting.id, _external=True)


def calendar_response(body: bytes, filename: str | None = None):
    if filename:
        response = file_response(body, filename, "text/calendar")
    else:
        response = current_app.response_class(body, mimetype="text/calendar")
    response.headers["Cache-Control"] = "private, no-store"
    return response


# Evidence ----------------------------------------------------------------------------------------


@bp.route("/<id:meeting_id>/evidencia/archivo", methods=["POST"])
def add_file(meeting_id: int):
    meeting = get_meeting(meeting_id)
    form = EvidenceFileForm()
    if form.validate_on_submit():
        added = save(
            form,
            lambda: services.add_file_evidence(
                meeting,
                request.files.get(form.file.name),
                form.kind.data,
                form.title.data,
                user=acting_user(),
            ),
        )
        if added is not None:
            flash(_("Evidencia agregada."), "success")
            return redirect(url_for(".detail", meeting_id=meeting.id, _anchor="evidencia"))
    return render_detail(get_meeting(meeting_id), file_form=form)


@bp.route("/<id:meeting_id>/evidencia/enlace", methods=["POST"])
def add_link(meeting_id: int):
    meeting = get_meeting(meeting_id)
    form = EvidenceLinkForm()
    if form.validate_on_submit():
        added = save(
            form,
            lambda: services.add_link_evidence(
                meeting, filled(form.url.data), form.title.data, acting_user()
            ),
        )
        if added is not None:
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


# The calendar subscription -----------------------------------------------------------------------


@bp.route("/suscripcion")
def subscription():
    user = acting_user()
    url = None
    if user.feed_token:
        url = url_for(".feed_ics", user_id=user.id, token=user.feed_token, _external=True)
    return render_template("meetings/subscription.html", url=url)


@bp.route("/suscripcion/activar", methods=["POST"])
@requires(Role.READER)  # anyone signed in manages their own subscription
def issue_token():
    had_one = current_user.feed_token is not None
    issue = partial(accounts.issue_feed_token, acting_user())
    if FlaskForm().validate_on_submit() and save(None, issue) is not None:
        flash(
            _("Dirección nueva creada; la anterior dejó de funcionar.")
            if had_one
            else _("Suscripción activada."),
            "success",
        )
    return redirect(url_for(".subscription"))


@bp.route("/suscripcion/revocar", methods=["POST"])
@requires(Role.READER)
def revoke_token():
    revoke = partial(accounts.revoke_feed_token, acting_user())
    if FlaskForm().validate_on_submit() and save(None, revoke) is not None:
        flash(_("Suscripción desactivada: la dirección ya no funciona."), "success")
    return redirect(url_for(".subscription"))


@bp.route("/feed/<id:user_id>/<token>.ics")
@public  # phone calendars cannot log in: the secret token in the URL is the credential
def feed_ics(user_id: int, token: str):
    if accounts.feed_owner(user_id, token) is None:
        abort(404)
    meetings = queries.feed_meetings(today_local())
    body = exports.calendar_for(meetings, _("Reuniones metropolitanas"), meeting_url)
    return calendar_response(body)
