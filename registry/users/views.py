"""Account administration pages (admins only)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from registry.auth import services
from registry.auth.models import Role, User
from registry.auth.permissions import requires
from registry.extensions import db
from registry.forms import FlaskForm, filled
from registry.pagination import paginate
from registry.saving import save
from registry.users.forms import UserCreateForm, UserForm

bp = Blueprint("users", __name__, url_prefix="/admin/usuarios")


@bp.route("/")
@requires(Role.ADMIN)
def index():
    page = paginate(
        select(User).order_by(User.active.desc(), User.full_name),
    )
    return render_template("users/index.html", page=page)


@bp.route("/nuevo", methods=["GET", "POST"])
@requires(Role.ADMIN)
def create():
    form = UserCreateForm()

    def create_account() -> User:
        user = services.create_user(
            filled(form.email.data),
            filled(form.full_name.data),
            Role(form.role.data),
            filled(form.password.data),
        )
        if not form.active.data:
            services.set_active(user, False)
        return user

    if form.validate_on_submit():
        user = save(form, create_account)
        if user is not None:
            flash(_("Cuenta de %(name)s creada.", name=user.full_name), "success")
            return redirect(url_for(".index"))
    return render_template("users/form.html", form=form, user=None)


@bp.route("/<int:user_id>/editar", methods=["GET", "POST"])
@requires(Role.ADMIN)
def edit(user_id: int):
    user = db.get_or_404(User, user_id)
    form = UserForm(obj=user)
    if form.validate_on_submit():
        saved = save(
            form,
            lambda: services.update_user(
                user,
                email=filled(form.email.data),
                full_name=filled(form.full_name.data),
                role=Role(form.role.data),
                active=form.active.data,
            ),
        )
        if saved is not None:
            flash(_("Cuenta de %(name)s actualizada.", name=user.full_name), "success")
            return redirect(url_for(".index"))
    return render_template("users/form.html", form=form, user=user)


@bp.route("/<int:user_id>/desactivar", methods=["POST"])
@requires(Role.ADMIN)
def deactivate(user_id: int):
    return _set_active(user_id, False, _("Cuenta de %(name)s desactivada."))


@bp.route("/<int:user_id>/reactivar", methods=["POST"])
@requires(Role.ADMIN)
def reactivate(user_id: int):
    return _set_active(user_id, True, _("Cuenta de %(name)s reactivada."))


@bp.route("/<int:user_id>/restablecer", methods=["GET", "POST"])
@requires(Role.ADMIN)
def reset_password(user_id: int):
    """Confirm, then give the user a temporary password shown once to the admin."""
    user = db.get_or_404(User, user_id)
    form = FlaskForm()
    if form.validate_on_submit():
        temporary = save(form, lambda: services.force_password_reset(user))
        if temporary is not None:
            return render_template("users/reset.html", user=user, temporary=temporary, form=None)
    return render_template("users/reset.html", user=user, temporary=None, form=form)


def _set_active(user_id: int, active: bool, message: str):
    user = db.get_or_404(User, user_id)
    if save(None, lambda: services.set_active(user, active)) is not None:
        flash(message % {"name": user.full_name}, "success")
    return redirect(url_for(".index"))
