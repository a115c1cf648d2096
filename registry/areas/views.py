"""The catalogue of our own areas (admins only)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from registry.areas import queries, services
from registry.areas.forms import AreaForm
from registry.areas.models import Area
from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.extensions import db
from registry.saving import save

bp = Blueprint("areas", __name__, url_prefix="/admin/areas")


@bp.route("/")
@requires(Role.ADMIN)
def index():
    return render_template("areas/index.html", areas=queries.all_areas())


@bp.route("/nueva", methods=["GET", "POST"])
@requires(Role.ADMIN)
def create():
    form = AreaForm()
    if form.validate_on_submit():
        area = save(form, lambda: services.create_area(form.area_data(), user=acting_user()))
        if area is not None:
            flash(_("Área «%(name)s» agregada.", name=area.name), "success")
            return redirect(url_for(".index"))
    return render_template("areas/form.html", form=form, area=None)


@bp.route("/<int:area_id>/editar", methods=["GET", "POST"])
@requires(Role.ADMIN)
def edit(area_id: int):
    area = db.get_or_404(Area, area_id)
    form = AreaForm(obj=area)
    if form.validate_on_submit() and save(
        form, lambda: services.update_area(area, form.area_data(), user=acting_user())
    ):
        flash(_("Área «%(name)s» guardada.", name=area.name), "success")
        return redirect(url_for(".index"))
    return render_template("areas/form.html", form=form, area=area)
