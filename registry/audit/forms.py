"""The audit browser's filter form (a GET form: read from the URL, no CSRF token)."""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import DateField, SelectField, StringField
from wtforms.validators import Length, Optional, Regexp, ValidationError

from registry.audit.labels import action_label, entity_label
from registry.audit.models import AuditEvent
from registry.audit.queries import AuditFilters, used_values
from registry.auth.models import User
from registry.extensions import db
from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    user = SelectField(_l("Usuario"), coerce=_int_or_none)
    entity = SelectField(_l("Tipo de registro"), default="")
    record = StringField(
        _l("Número de registro"),
        validators=[Optional(), Length(max=20), Regexp(r"^\d+$", message=_l("Solo dígitos."))],
        description=_l("El número interno del registro, como lo muestra cada evento."),
    )
    action = SelectField(_l("Acción"), default="")
    date_from = DateField(_l("Desde"), validators=[Optional()])
    date_to = DateField(_l("Hasta"), validators=[Optional()])

    def __init__(self, **kwargs):
        super().__init__(formdata=request.args, **kwargs)
        users = db.session.execute(select(User.id, User.full_name).order_by(User.full_name))
        self.user.choices = [("", _l("Cualquiera")), *((row.id, row.full_name) for row in users)]
        entities = used_values(AuditEvent.entity)
        self.entity.choices = [("", _l("Todos")), *((e, entity_label(e)) for e in entities)]
        actions = used_values(AuditEvent.action)
        self.action.choices = [("", _l("Todas")), *((a, action_label(a)) for a in actions)]
        self.validate()

    def validate_date_to(self, field) -> None:
        if field.data and self.date_from.data and field.data < self.date_from.data:
            raise ValidationError(_("«Hasta» es anterior a «Desde»."))

    def filters(self) -> AuditFilters:
        """What the valid fields ask for; an invalid value is shown as an error and ignored."""

        def ok(field):
            return field.data if not field.errors else None

        return AuditFilters(
            user_id=ok(self.user),
            entity=ok(self.entity) or None,
            entity_id=(ok(self.record) or "").strip() or None,
            action=ok(self.action) or None,
            date_from=ok(self.date_from),
            date_to=ok(self.date_to),
        )

    @property
    def active(self) -> bool:
        return any(value for key, value in request.args.items() if key != "page")
