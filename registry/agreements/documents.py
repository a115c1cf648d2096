"""Document pages: the documents of all agreements, and adding, editing, removing one (to the
recycle bin)."""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from registry.agreements import instruments
from registry.agreements.forms import InstrumentForm
from registry.agreements.instruments import InstrumentData
from registry.agreements.listing import InstrumentFilterForm
from registry.agreements.models import Agreement, Instrument, InstrumentKind
from registry.agreements.queries import instrument_list
from registry.agreements.views import bp
from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.errors import DomainError, show_on_form
from registry.extensions import db
from registry.pagination import paginate
from registry.recycle.views import confirm_trash


def _load(agreement_id: int, document_id: int | None = None):
    agreement = db.get_or_404(Agreement, agreement_id)
    if agreement.deleted_at is not None:
        abort(404)
    if document_id is None:
        return agreement, None
    document = db.get_or_404(Instrument, document_id)
    if document.agreement_id != agreement.id or document.deleted_at is not None:
        abort(404)
    return agreement, document


def _data(form: InstrumentForm) -> InstrumentData:
    return InstrumentData(
        kind=InstrumentKind(form.kind.data),
        number=form.number.data,
        title=form.title.data,
        issued_on=form.issued_on.data,
        issuer=form.issuer.data,
        notes=form.notes.data,
    )


@bp.route("/documentos")
def documents():
    form = InstrumentFilterForm()
    page = paginate(
        instrument_list(form.filters()),
        error_out=False,
    )
    return render_template("agreements/documents.html", page=page, form=form)


@bp.route("/<int:agreement_id>/documentos/nuevo", methods=["GET", "POST"])
@requires(Role.EDITOR)  # the form itself is of no use to a reader
def document_create(agreement_id: int):
    agreement, _document = _load(agreement_id)
    form = InstrumentForm()
    if not form.is_submitted() and request.args.get("tipo") in InstrumentKind._value2member_map_:
        form.kind.data = request.args["tipo"]
    if form.validate_on_submit():
        try:
            instruments.add_instrument(
                agreement,
                _data(form),
                upload=form.file.data,
                user=acting_user(),
            )
        except DomainError as error:
            db.session.rollback()
            show_on_form(form, error)
        else:
            db.session.commit()
            flash(_("Documento agregado a %(folio)s.", folio=agreement.folio), "success")
            return redirect(url_for(".detail", agreement_id=agreement.id, _anchor="documentos"))
    return render_template(
        "agreements/document_form.html", form=form, agreement=agreement, document=None
    )


@bp.route("/<int:agreement_id>/documentos/<int:document_id>/editar", methods=["GET", "POST"])
@requires(Role.EDITOR)  # the form itself is of no use to a reader
def document_edit(agreement_id: int, document_id: int):
    agreement, document = _load(agreement_id, document_id)
    form = InstrumentForm(obj=document)
    if not form.is_submitted():
        form.kind.data = document.kind.value
    if form.validate_on_submit():
        try:
            instruments.update_instrument(
                document,
                _data(form),
                upload=form.file.data,
                user=acting_user(),
            )
        except DomainError as error:
            db.session.rollback()
            show_on_form(form, error)
        else:
            db.session.commit()
            flash(_("Documento guardado."), "success")
            return redirect(url_for(".detail", agreement_id=agreement.id, _anchor="documentos"))
    return render_template(
        "agreements/document_form.html", form=form, agreement=agreement, document=document
    )


@bp.route("/<int:agreement_id>/documentos/<int:document_id>/eliminar", methods=["GET", "POST"])
@requires(Role.EDITOR)
def document_remove(agreement_id: int, document_id: int):
    agreement, document = _load(agreement_id, document_id)
    back = url_for(".detail", agreement_id=agreement.id, _anchor="documentos")
    return confirm_trash(
        document,
        lambda reason: instruments.remove_instrument(document, reason, user=acting_user()),
        back=back,
        done=back,
    )
