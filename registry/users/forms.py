"""Account administration forms (admins): an account's details, and a new account."""

from __future__ import annotations

from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, Length

from registry.auth.models import Role
from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l


def role_choices() -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role]


class UserForm(FlaskForm):
    email = EmailField(
        _l("Correo electrónico"),
        validators=[
            DataRequired(),
            Email(message=_l("Escriba un correo electrónico válido, p. ej. nombre@oaxaca.gob.mx.")),
            Length(max=254),
        ],
    )
    full_name = StringField(_l("Nombre completo"), validators=[DataRequired(), Length(max=200)])
    role = SelectField(
        _l("Rol"),
        choices=role_choices,
        default=Role.READER.value,
        description=_l(
            "Consulta: solo lee. Edición: registra y modifica. "
            "Administración: además gestiona cuentas y catálogos."
        ),
    )
    active = BooleanField(_l("Cuenta activa"), default=True)


class UserCreateForm(UserForm):
    password = PasswordField(
        _l("Contraseña inicial"),
        validators=[DataRequired(), Length(max=200)],
        description=_l(
            "Al menos 12 caracteres. Entréguela por un medio seguro; la persona podrá cambiarla."
        ),
        render_kw={"autocomplete": "new-password"},
    )
