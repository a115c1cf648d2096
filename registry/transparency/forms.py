from __future__ import annotations

from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l
from registry.transparency.sources import SOURCES


def source_choices() -> list[tuple[str, str]]:
    return [(key, str(source.label)) for key, source in SOURCES.items()]


class ColumnForm(FlaskForm):
    header = TextAreaField(
        _l("Encabezado"),
        validators=[DataRequired(), Length(max=500)],
        description=_l("Exactamente como lo publica la plantilla oficial."),
    )
    source = SelectField(_l("Datos de la columna"), choices=source_choices)
    text = TextAreaField(
        _l("Texto fijo"),
        validators=[Optional(), Length(max=2000)],
        description=_l("Solo con «Texto fijo»: el valor de todas las filas (puede quedar vacío)."),
    )
