"""The base of every form of the app: Flask-WTF's, with uploaded files kept to the file fields.

Flask-WTF hands a form ``request.files`` merged into ``request.form``, so a file posted under a
text field's name (a crafted request) reaches that field as an object where text is expected
and its filters fail. Here each field gets what its kind can take: files for file fields, text
for the rest.
"""

from __future__ import annotations

import flask_wtf
from werkzeug.datastructures import CombinedMultiDict, FileStorage, MultiDict
from wtforms import FileField


class FlaskForm(flask_wtf.FlaskForm):
    class Meta(flask_wtf.FlaskForm.Meta):
        def wrap_formdata(self, form, formdata):
            formdata = super().wrap_formdata(form, formdata)
            if not isinstance(formdata, CombinedMultiDict):
                return formdata
            file_fields = {field.name for field in form if isinstance(field, FileField)}
            return MultiDict(
                (name, value)
                for name, value in formdata.items(multi=True)
                if isinstance(value, FileStorage) == (name in file_fields)
            )
