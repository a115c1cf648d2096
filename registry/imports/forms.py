"""Forms of the import pages (shape only: the importer holds the rules)."""

from __future__ import annotations

from flask_wtf.file import FileField, FileRequired
from wtforms import HiddenField
from wtforms.validators import InputRequired

from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l


class UploadForm(FlaskForm):
    file = FileField(
        _l("Libro de Excel (.xlsx)"),
        validators=[FileRequired(_l("Elija el libro de Excel que desea importar."))],
        description=_l("Con las hojas «Instrumentos» y «Reuniones», como en la plantilla."),
        render_kw={
            "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        },
    )


class ConfirmForm(FlaskForm):
    #: Signed: names the uploaded file kept for this confirmation (see ``staging``).
    token = HiddenField(validators=[InputRequired()])
