"""Login, password and user-administration forms."""

from wtforms import BooleanField, EmailField, PasswordField, SelectField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from registry.auth.models import Role
from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l


def role_choices() -> list[tuple[str, str]]:
    return [(role.value, role.label) for role in Role]


class LoginForm(FlaskForm):
    email = EmailField(
        _l("Correo electrónico"),
        validators=[DataRequired(), Length(max=254)],
        render_kw={"autocomplete": "username", "autofocus": True},
    )
    password = PasswordField(
        _l("Contraseña"),
        validators=[DataRequired(), Length(max=200)],
        render_kw={"autocomplete": "current-password"},
    )


class PasswordChangeForm(FlaskForm):
    current_password = PasswordField(
        _l("Contraseña actual"),
        validators=[DataRequired()],
        render_kw={"autocomplete": "current-password"},
    )
    password = PasswordField(
        _l("Nueva contraseña"),
        validators=[DataRequired(), Length(max=200)],
        description=_l("Al menos 12 caracteres."),
        render_kw={"autocomplete": "new-password"},
    )
    confirm = PasswordField(
        _l("Repita la nueva contraseña"),
        validators=[
            DataRequired(),
            EqualTo("password", message=_l("Las contraseñas no coinciden.")),
        ],
        render_kw={"autocomplete": "new-password"},
    )


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
