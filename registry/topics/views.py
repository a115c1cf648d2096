"""The topic catalogue pages (admins only)."""

from __future__ import annotations

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from sqlalchemy import func, select

from registry.agreements.models import Agreement, agreement_topics
from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.extensions import db
from registry.forms import filled
from registry.saving import save
from registry.topics import services
from registry.topics.forms import TopicForm
from registry.topics.models import Topic

bp = Blueprint("topics", __name__, url_prefix="/admin/temas")


@bp.route("/", methods=["GET", "POST"])
@requires(Role.ADMIN)
def index():
    form = TopicForm()
    if form.validate_on_submit():
        topic = save(
            form, lambda: services.create_topic(filled(form.name.data), user=acting_user())
        )
        if topic is not None:
            flash(_("Tema «%(name)s» agregado.", name=topic.name), "success")
            return redirect(url_for(".index"))
    usage: dict[int, int] = dict(
        db.session.execute(
            select(agreement_topics.c.topic_id, func.count())
            .join(Agreement, Agreement.id == agreement_topics.c.agreement_id)
            .where(Agreement.deleted_at.is_(None))  # as the agreements list it links to
            .group_by(agreement_topics.c.topic_id)
        ).all()
    )
    topics = db.session.scalars(select(Topic).order_by(Topic.active.desc(), Topic.name_key)).all()
    return render_template("topics/index.html", form=form, topics=topics, usage=usage)


@bp.route("/<int:topic_id>/editar", methods=["GET", "POST"])
@requires(Role.ADMIN)
def edit(topic_id: int):
    topic = db.get_or_404(Topic, topic_id)
    form = TopicForm(obj=topic)
    if form.validate_on_submit():
        saved = save(
            form, lambda: services.rename_topic(topic, filled(form.name.data), user=acting_user())
        )
        if saved is not None:
            flash(_("Tema renombrado: «%(name)s».", name=topic.name), "success")
            return redirect(url_for(".index"))
    return render_template("topics/edit.html", form=form, topic=topic)


@bp.route("/<int:topic_id>/desactivar", methods=["POST"])
@requires(Role.ADMIN)
def deactivate(topic_id: int):
    return _set_active(topic_id, False, _("Tema «%(name)s» desactivado: ya no se ofrece."))


@bp.route("/<int:topic_id>/reactivar", methods=["POST"])
@requires(Role.ADMIN)
def reactivate(topic_id: int):
    return _set_active(topic_id, True, _("Tema «%(name)s» reactivado."))


def _set_active(topic_id: int, active: bool, message: str):
    topic = db.get_or_404(Topic, topic_id)
    if save(None, lambda: services.set_active(topic, active, user=acting_user())) is not None:
        flash(message % {"name": topic.name}, "success")
    return redirect(url_for(".index"))
