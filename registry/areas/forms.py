"""The area form (admins)."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length, Optional

from registry.areas.models import AreaKind
from registry.areas.services import AreaData
from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l


class AreaForm(FlaskForm):
    name = StringField(_l("Nombre"), validators=[DataRequired(), Length(max=200)])
    kind = SelectField(
        _l("Tipo"),
        choices=lambda: [(kind.value, kind.label) for kind in AreaKind],
        default=AreaKind.SECRETARIA.value,
    )
    email = EmailField(
        _l("Correo de contacto"),
        validators=[Optional(), Email(_l("Escriba un correo válido.")), Length(max=200)],
        description=_l("Opcional."),
    )
    active = BooleanField(_l("Activa (se ofrece en los formularios)"), default=True)

    def area_data(self) -> AreaData:
        return AreaData(
            name=self.name.data or "",
            kind=AreaKind(self.kind.data),
            email=self.email.data,
            active=bool(self.active.data),
        )
