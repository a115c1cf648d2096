"""The calendar subscription: each user's page to manage it, and the feed phones read."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

from registry.auth.models import Role
from registry.auth.permissions import acting_user, public, requires
from registry.dates import today_local
from registry.extensions import db
from registry.forms import FlaskForm
from registry.meetings import feed, ics
from registry.meetings.views import bp, calendar_response, meeting_url


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
    if FlaskForm().validate_on_submit():
        had_one = current_user.feed_token is not None
        feed.issue_feed_token(acting_user())
        db.session.commit()
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
    if FlaskForm().validate_on_submit():
        feed.revoke_feed_token(acting_user())
        db.session.commit()
        flash(_("Suscripción desactivada: la dirección ya no funciona."), "success")
    return redirect(url_for(".subscription"))


@bp.route("/feed/<id:user_id>/<token>.ics")
@public  # phone calendars cannot log in: the secret token in the URL is the credential
def feed_ics(user_id: int, token: str):
    if feed.feed_owner(user_id, token) is None:
        abort(404)
    meetings = feed.feed_meetings(today_local())
    body = ics.calendar_for(meetings, _("Reuniones metropolitanas"), meeting_url)
    return calendar_response(body)
