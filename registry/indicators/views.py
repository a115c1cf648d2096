"""The MIR indicator pages (admins only): list, create, edit, annual goals, progress."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.dates import today_local
from registry.extensions import db
from registry.forms import filled
from registry.indicators import services
from registry.indicators.forms import GoalForm, IndicatorForm
from registry.indicators.models import Indicator
from registry.indicators.queries import describe_rule, quarterly_progress
from registry.saving import save

bp = Blueprint("indicators", __name__, url_prefix="/admin/indicadores")


@bp.route("/")
@requires(Role.ADMIN)
def index():
    indicators = db.session.scalars(
        select(Indicator)
        .options(selectinload(Indicator.goals))
        .order_by(Indicator.active.desc(), Indicator.code)
    ).all()
    return render_template(
        "indicators/index.html",
        indicators=indicators,
        describe_rule=describe_rule,
        year=today_local().year,
    )


@bp.route("/nuevo", methods=["GET", "POST"])
@requires(Role.ADMIN)
def create():
    form = IndicatorForm()
    if form.validate_on_submit():
        indicator = save(
            form, lambda: services.create_indicator(form.indicator_data(), user=acting_user())
        )
        if indicator is not None:
            flash(
                _("Indicador %(code)s creado. Fije ahora su meta anual.", code=indicator.code),
                "success",
            )
            return redirect(url_for(".edit", indicator_id=indicator.id))
    return render_template("indicators/form.html", form=form, indicator=None)


@bp.route("/<int:indicator_id>", methods=["GET", "POST"])
@requires(Role.ADMIN)
def edit(indicator_id: int):
    indicator = db.get_or_404(Indicator, indicator_id)
    form = IndicatorForm(obj=indicator)
    if form.validate_on_submit():
        changed = save(
            form,
            lambda: services.update_indicator(indicator, form.indicator_data(), user=acting_user()),
        )
        if changed is not None:
            if changed:
                flash(_("Indicador %(code)s guardado.", code=indicator.code), "success")
            else:
                flash(_("No había cambios que guardar."), "info")
            return redirect(url_for(".edit", indicator_id=indicator.id))
    return _edit_page(indicator, form, GoalForm(formdata=None, year=today_local().year))


@bp.route("/<int:indicator_id>/metas", methods=["POST"])
@requires(Role.ADMIN)
def set_goal(indicator_id: int):
    indicator = db.get_or_404(Indicator, indicator_id)
    goal_form = GoalForm()
    if goal_form.validate_on_submit():
        saved = save(
            goal_form,
            lambda: services.set_goal(
                indicator,
                filled(goal_form.year.data),
                filled(goal_form.annual_goal.data),
                user=acting_user(),
            ),
        )
        if saved is not None:
            flash(
                _(
                    "Meta de %(year)d: %(goal)d.",
                    year=goal_form.year.data,
                    goal=goal_form.annual_goal.data,
                ),
                "success",
            )
            return redirect(url_for(".edit", indicator_id=indicator.id))
    return _edit_page(indicator, IndicatorForm(formdata=None, obj=indicator), goal_form)


@bp.route("/<int:indicator_id>/metas/<int:year>/eliminar", methods=["POST"])
@requires(Role.ADMIN)
def remove_goal(indicator_id: int, year: int):
    indicator = db.get_or_404(Indicator, indicator_id)
    if indicator.goal_for(year) is None:
        abort(404)
    if save(None, lambda: services.remove_goal(indicator, year, user=acting_user())) is not None:
        flash(_("Meta de %(year)d eliminada.", year=year), "success")
    return redirect(url_for(".edit", indicator_id=indicator.id))


def _edit_page(indicator: Indicator, form: IndicatorForm, goal_form: GoalForm):
    year = request.args.get("anio", type=int) or today_local().year
    if not services.FIRST_YEAR <= year <= services.LAST_YEAR:
        year = today_local().year
    return render_template(
        "indicators/form.html",
        form=form,
        goal_form=goal_form,
        indicator=indicator,
        rule=describe_rule(indicator),
        progress=quarterly_progress(indicator, year),
    )
