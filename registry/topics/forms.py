from wtforms import StringField
from wtforms.validators import DataRequired, Length

from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l


class TopicForm(FlaskForm):
    name = StringField(_l("Nombre del tema"), validators=[DataRequired(), Length(max=100)])
