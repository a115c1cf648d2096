"""Document pages: the documents of all agreements, and adding, editing, removing one (to the
recycle bin). Their addresses stay under the agreements' (/instrumentos/…)."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry.agreements.models import Agreement
from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.documents import services
from registry.documents.forms import DocumentFilterForm, DocumentForm
from registry.documents.models import Document, DocumentKind
from registry.documents.queries import document_list
from registry.documents.services import DocumentData
from registry.extensions import db
from registry.pagination import paginate
from registry.recycle.views import confirm_trash
from registry.saving import save

bp = Blueprint("documents", __name__, url_prefix="/instrumentos")


def _load(agreement_id: int, document_id: int | None = None):
    agreement = db.get_or_404(Agreement, agreement_id)
    if agreement.deleted_at is not None:
        abort(404)
    if document_id is None:
        return agreement, None
    document = db.get_or_404(Document, document_id)
    if document.agreement_id != agreement.id or document.deleted_at is not None:
        abort(404)
    return agreement, document


def _data(form: DocumentForm) -> DocumentData:
    return DocumentData(
        kind=DocumentKind(form.kind.data),
        number=form.number.data,
        title=form.title.data,
        issued_on=form.issued_on.data,
        issuer=form.issuer.data,
        notes=form.notes.data,
    )


def _agreement_page(agreement: Agreement) -> str:
    return url_for("agreements.detail", agreement_id=agreement.id, _anchor="documentos")


@bp.route("/documentos")
def index():
    form = DocumentFilterForm()
    page = paginate(document_list(form.filters()), error_out=False)
    return render_template("documents/index.html", page=page, form=form)


@bp.route("/<int:agreement_id>/documentos/nuevo", methods=["GET", "POST"])
@requires(Role.EDITOR)  # the form itself is of no use to a reader
def create(agreement_id: int):
    agreement, _document = _load(agreement_id)
    form = DocumentForm()
    if not form.is_submitted() and request.args.get("tipo") in DocumentKind._value2member_map_:
        form.kind.data = request.args["tipo"]
    if form.validate_on_submit():
        added = save(
            form,
            lambda: services.add_document(
                agreement, _data(form), upload=form.file.data, user=acting_user()
            ),
        )
        if added is not None:
            flash(_("Documento agregado a %(folio)s.", folio=agreement.folio), "success")
            return redirect(_agreement_page(agreement))
    return render_template("documents/form.html", form=form, agreement=agreement, document=None)


@bp.route("/<int:agreement_id>/documentos/<int:document_id>/editar", methods=["GET", "POST"])
@requires(Role.EDITOR)  # the form itself is of no use to a reader
def edit(agreement_id: int, document_id: int):
    agreement, document = _load(agreement_id, document_id)
    form = DocumentForm(obj=document)
    if not form.is_submitted():
        form.kind.data = document.kind.value
    if form.validate_on_submit():
        saved = save(
            form,
            lambda: services.update_document(
                document, _data(form), upload=form.file.data, user=acting_user()
            ),
        )
        if saved is not None:
            flash(_("Documento guardado."), "success")
            return redirect(_agreement_page(agreement))
    return render_template("documents/form.html", form=form, agreement=agreement, document=document)


@bp.route("/<int:agreement_id>/documentos/<int:document_id>/eliminar", methods=["GET", "POST"])
@requires(Role.EDITOR)
def remove(agreement_id: int, document_id: int):
    agreement, document = _load(agreement_id, document_id)
    back = _agreement_page(agreement)
    return confirm_trash(
        document,
        lambda reason: services.remove_document(document, reason, user=acting_user()),
        back=back,
        done=back,
    )
