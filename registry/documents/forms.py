"""The document form, and the filters of the documents list (a GET form)."""

from __future__ import annotations

from flask_wtf.file import FileField
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from registry.agreements.queries import earliest_act
from registry.documents.models import DocumentKind
from registry.documents.queries import DocumentFilters
from registry.forms import QUARTER_CHOICES, FlaskForm, ListForm, year_choices
from registry.i18n import lazy_gettext as _l


def document_kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, kind.label) for kind in DocumentKind]


def _int_or_none(value):
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


class DocumentForm(FlaskForm):
    kind = SelectField(
        _l("Tipo de documento"),
        choices=document_kind_choices,
        default=DocumentKind.CARTA_INTENCION.value,
    )
    number = StringField(
        _l("Número"),
        validators=[Optional(), Length(max=120)],
        description=_l("p. ej. oficio OPM/EXT/0064/2025; Acuerdo de Cabildo 324, acta 78"),
    )
    title = StringField(_l("Título o asunto"), validators=[Optional(), Length(max=300)])
    issued_on = DateField(_l("Fecha del documento"), validators=[Optional()])
    issuer = StringField(
        _l("Emisor"),
        validators=[Optional(), Length(max=200)],
        description=_l("Quién lo firma o lo envía"),
    )
    notes = TextAreaField(_l("Notas"), validators=[Optional()])
    file = FileField(
        _l("Archivo escaneado"),
        description=_l("Opcional. PDF, JPEG o PNG (se revisa el contenido, no el nombre)."),
    )


class DocumentFilterForm(ListForm):
    q = StringField(
        _l("Buscar"),
        validators=[Optional(), Length(max=200)],
        description=_l("Número u oficio, emisor, o folio, título o contraparte del instrumento."),
    )
    kind = SelectField(
        _l("Tipo de documento"),
        choices=lambda: [("", _l("Todos")), *document_kind_choices()],
        default="",
    )
    date_from = DateField(_l("Desde"), validators=[Optional()])
    date_to = DateField(_l("Hasta"), validators=[Optional()])
    year = SelectField(_l("Año"), coerce=_int_or_none)
    quarter = SelectField(_l("Trimestre"), choices=lambda: QUARTER_CHOICES, coerce=_int_or_none)

    def validate(self, extra_validators=None):
        self.year.choices = year_choices(earliest_act())
        return super().validate(extra_validators)

    def filters(self) -> DocumentFilters:
        def ok(field):
            return field.data if not field.errors else None

        return DocumentFilters(
            kind=DocumentKind(ok(self.kind)) if ok(self.kind) else None,
            date_from=ok(self.date_from),
            date_to=ok(self.date_to),
            year=ok(self.year),
            quarter=ok(self.quarter) if ok(self.year) else None,
            text=(ok(self.q) or "").strip() or None,
        )
