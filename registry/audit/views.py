"""The audit browser (admins): who changed what, when, with each change's before and after."""

from __future__ import annotations

from flask import Blueprint, render_template

from registry.audit import queries
from registry.audit.forms import AuditFilterForm
from registry.audit.labels import action_label, changed_fields, entity_label
from registry.audit.records import record_refs
from registry.auth.models import Role
from registry.auth.permissions import requires
from registry.pagination import paginate

bp = Blueprint("audit", __name__, url_prefix="/admin/auditoria")

#: Values longer than this show truncated, with the whole value one click away.
SHORT_VALUE = 160


@bp.route("/")
@requires(Role.ADMIN)
def index():
    form = AuditFilterForm()
    page = paginate(
        queries.events(form.filters()),
        error_out=False,
    )
    return render_template(
        "audit/index.html",
        form=form,
        page=page,
        refs=record_refs(page.items),
        changed_fields=changed_fields,
        action_label=action_label,
        entity_label=entity_label,
        short_value=SHORT_VALUE,
    )
