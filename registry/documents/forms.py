"""The document form, the filters of the documents list (a GET form), and the document a status
move or a new agreement's form brings along."""

from __future__ import annotations

from typing import TYPE_CHECKING

from flask_wtf.file import FileField
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import Length, Optional

from registry.agreements.queries import earliest_act
from registry.agreements.status import Status
from registry.documents.models import Document, DocumentKind
from registry.documents.queries import DocumentFilters
from registry.documents.services import DocumentData
from registry.forms import QUARTER_CHOICES, FlaskForm, ListForm, int_or_none, year_choices
from registry.i18n import lazy_gettext as _l

if TYPE_CHECKING:
    from registry.agreements.forms import AgreementCreateForm, StatusForm

#: The kind of an evidence document uploaded with a move, unless the user chose one.
EVIDENCE_KINDS = {
    Status.INTENCION.value: DocumentKind.CARTA_INTENCION,
    Status.FIRMADO.value: DocumentKind.CONVENIO,
    Status.RATIFICADO.value: DocumentKind.ACUERDO_RATIFICACION,
}


def document_kind_choices() -> list[tuple[str, str]]:
    return [(kind.value, kind.label) for kind in DocumentKind]


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
    year = SelectField(_l("Año"), coerce=int_or_none)
    quarter = SelectField(_l("Trimestre"), choices=lambda: QUARTER_CHOICES, coerce=int_or_none)

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


# The document other forms bring along ------------------------------------------------------------


def document_label(document: Document) -> str:
    """'Carta de intención · OPM/EXT/0064/2025 · 29/04/2025' (a choice of evidence)."""
    parts = [
        document.kind.label,
        document.number or "",
        document.issued_on and document.issued_on.strftime("%d/%m/%Y") or "",
    ]
    return " · ".join(part for part in parts if part)


def evidence_upload(form: StatusForm):
    """(details, upload) of a document uploaded with a status move, or None."""
    upload = form.evidence_file.data
    if not upload or not getattr(upload, "filename", None):
        return None
    kind = form.evidence_kind.data or EVIDENCE_KINDS.get(form.target.data, DocumentKind.OTRO)
    data = DocumentData(
        kind=DocumentKind(kind),
        number=form.evidence_number.data,
        issued_on=form.acted_on.data,
    )
    return data, upload


def first_document(form: AgreementCreateForm):
    """The document of a new agreement's first act, if the form names one (a kind, a number or a
    file), as (details, upload)."""
    upload = form.doc_file.data if getattr(form.doc_file.data, "filename", None) else None
    if not form.doc_kind.data or not (upload or form.doc_number.data or form.doc_issuer.data):
        return None
    data = DocumentData(
        kind=DocumentKind(form.doc_kind.data),
        number=form.doc_number.data,
        issuer=form.doc_issuer.data,
        issued_on=form.status_date.data,
    )
    return data, upload
