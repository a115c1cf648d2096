"""The transparency format's column layout (admins only)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _

from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.forms import filled
from registry.saving import save
from registry.settings.services import report_settings
from registry.transparency import layout
from registry.transparency.forms import ColumnForm
from registry.transparency.sources import SOURCES

bp = Blueprint("transparency", __name__, url_prefix="/admin/transparencia")


@bp.route("/", methods=["GET", "POST"])
@requires(Role.ADMIN)
def columns():
    form = ColumnForm()
    if form.validate_on_submit():
        column = save(
            form,
            lambda: layout.add_column(
                filled(form.header.data), form.source.data, form.text.data, user=acting_user()
            ),
        )
        if column is not None:
            flash(_("Columna %(n)d agregada al final.", n=column.position), "success")
            return redirect(url_for(".columns"))
    return render_template(
        "transparency/columns.html",
        form=form,
        columns=layout.current_columns(),
        customized=layout.is_customized(),
        sources=SOURCES,
        settings=report_settings(),
    )


@bp.route("/columnas/<int:position>", methods=["GET", "POST"])
@requires(Role.ADMIN)
def edit(position: int):
    current = layout.current_columns()
    if position > len(current):
        abort(404)
    column = current[position - 1]
    form = ColumnForm(data={"header": column.header, "source": column.source, "text": column.text})
    if form.validate_on_submit():
        saved = save(
            form,
            lambda: layout.update_column(
                position,
                filled(form.header.data),
                form.source.data,
                form.text.data,
                user=acting_user(),
            ),
        )
        if saved is not None:
            flash(_("Columna %(n)d guardada.", n=position), "success")
            return redirect(url_for(".columns"))
    return render_template("transparency/edit.html", form=form, position=position)


@bp.route("/columnas/<int:position>/izquierda", methods=["POST"])
@requires(Role.ADMIN)
def move_left(position: int):
    return _act(
        lambda: layout.move_column(position, -1, user=acting_user()),
        _("Columna movida a la izquierda."),
    )


@bp.route("/columnas/<int:position>/derecha", methods=["POST"])
@requires(Role.ADMIN)
def move_right(position: int):
    return _act(
        lambda: layout.move_column(position, 1, user=acting_user()),
        _("Columna movida a la derecha."),
    )


@bp.route("/columnas/<int:position>/quitar", methods=["POST"])
@requires(Role.ADMIN)
def remove(position: int):
    return _act(
        lambda: layout.remove_column(position, user=acting_user()),
        _("Columna %(n)d quitada.", n=position),
    )


@bp.route("/restablecer", methods=["POST"])
@requires(Role.ADMIN)
def reset():
    return _act(
        lambda: layout.reset_columns(user=acting_user()),
        _("Se restableció el formato predeterminado."),
    )


def _act(action, message: str):
    """Run a layout change; a refusal becomes a flashed message, nothing changed."""
    if save(None, action) is not None:
        flash(message, "success")
    return redirect(url_for(".columns"))
