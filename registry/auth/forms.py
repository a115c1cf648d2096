"""Login and password forms."""

from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length

from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l


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
