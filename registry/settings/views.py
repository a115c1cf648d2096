"""The settings page (admins only)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.saving import save
from registry.settings import services
from registry.settings.forms import SettingsForm

bp = Blueprint("settings", __name__, url_prefix="/admin/ajustes")


@bp.route("/", methods=["GET", "POST"])
@requires(Role.ADMIN)
def index():
    form = SettingsForm()
    if not form.is_submitted():
        for key, value in services.get_settings().items():
            form[SettingsForm.field_name(key)].data = value
    elif form.validate_on_submit():
        changed = save(form, lambda: services.save_settings(form.values(), user=acting_user()))
        if changed is not None:
            flash(
                _("Ajustes guardados.") if changed else _("No había cambios que guardar."),
                "success" if changed else "info",
            )
            return redirect(url_for(".index"))
    return render_template("settings/index.html", form=form)
