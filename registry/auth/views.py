"""Login, logout and a user's own password."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, session, url_for
from flask_babel import format_datetime
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from registry.auth import services
from registry.auth.forms import LoginForm, PasswordChangeForm
from registry.auth.models import Role
from registry.auth.permissions import acting_user, public, requires
from registry.forms import filled
from registry.saving import save

bp = Blueprint("auth", __name__)


@bp.route("/entrar", methods=["GET", "POST"])
@public
def login():
    if current_user.is_authenticated:
        return redirect(url_for("dashboard.index"))
    form = LoginForm()
    status = 200
    if form.validate_on_submit():
        # saved whatever the outcome: a failed attempt counts towards the throttle
        result = save(
            form,
            lambda: services.authenticate(
                filled(form.email.data), filled(form.password.data), request.remote_addr
            ),
        )
        if result is not None and result.user is not None:
            next_url = safe_next_url(request.args.get("next"))
            session.clear()  # a new session on login: nothing from before survives
            login_user(result.user)
            return redirect(next_url or url_for("dashboard.index"))
        if result is not None and result.error:  # None: refused, the reason is on the form
            form.form_errors.append(result.error)
        if result is not None and result.locked_until is not None:
            status = 429
            form.form_errors.append(
                _(
                    "Demasiados intentos fallidos. Por seguridad, el acceso desde este equipo está "
                    "suspendido hasta las %(hora)s; intente de nuevo después de esa hora.",
                    hora=format_datetime(result.locked_until, "HH:mm"),
                )
            )
    return render_template("auth/login.html", form=form), status


@bp.route("/salir", methods=["POST"])
@requires(Role.READER)
def logout():
    save(None, lambda: services.log_out(acting_user()))
    logout_user()
    session.clear()
    flash(_("Sesión cerrada."), "info")
    return redirect(url_for("auth.login"))


@bp.route("/cuenta/contrasena", methods=["GET", "POST"])
@requires(Role.READER)
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        if not current_user.check_password(form.current_password.data):
            form.current_password.errors = [
                *form.current_password.errors,
                _("La contraseña actual no es correcta."),
            ]
        elif (
            save(form, lambda: services.change_password(current_user, filled(form.password.data)))
            is not None
        ):
            login_user(current_user)  # the session token rotated: keep this session only
            flash(_("Contraseña actualizada. Las demás sesiones se cerraron."), "success")
            return redirect(url_for("dashboard.index"))
    return render_template("auth/password.html", form=form)


def safe_next_url(target: str | None) -> str | None:
    """Only a path on this site may follow the login (no open redirects, no ``/\\host``)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return None
    return target
