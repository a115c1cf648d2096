"""Agreement pages: the list, the detail with its timeline, the forms, the status move."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from registry.agreements import queries, services
from registry.agreements.forms import PARTY_ROWS, AgreementCreateForm, AgreementForm, StatusForm
from registry.agreements.history import (
    EditConflict,
    action_label,
    describe_changes_since,
    event_changes,
)
from registry.agreements.instruments import InstrumentData
from registry.agreements.listing import AgreementFilterForm
from registry.agreements.models import Agreement, AgreementKind, InstrumentKind
from registry.agreements.status import Status, allowed_targets
from registry.agreements.timeline import audit_history, load_agreement, timeline
from registry.dates import today_local
from registry.errors import DomainError, show_on_form
from registry.extensions import db
from registry.folios import next_folio
from registry.parties.models import Party

bp = Blueprint("agreements", __name__, url_prefix="/instrumentos")

#: The kind of an evidence document uploaded with a move, unless the user chose one.
EVIDENCE_KINDS = {
    Status.INTENCION.value: InstrumentKind.CARTA_INTENCION,
    Status.FIRMADO.value: InstrumentKind.CONVENIO,
    Status.RATIFICADO.value: InstrumentKind.ACUERDO_RATIFICACION,
}


def _user():
    return current_user._get_current_object()


def _load_or_404(agreement_id: int) -> Agreement:
    agreement = load_agreement(agreement_id)
    if agreement is None:
        abort(404)
    return agreement


@bp.route("/")
def index():
    form = AgreementFilterForm()
    query = queries.agreement_list(form.filters(), today_local())
    page = db.paginate(query, per_page=current_app.config["ITEMS_PER_PAGE"], error_out=False)
    return render_template("agreements/index.html", page=page, form=form)


@bp.route("/<int:agreement_id>")
def detail(agreement_id: int):
    agreement = _load_or_404(agreement_id)
    return render_template(
        "agreements/detail.html",
        agreement=agreement,
        timeline=timeline(agreement),
        history=audit_history(agreement),
        event_changes=event_changes,
        action_label=action_label,
    )


@bp.route("/nuevo", methods=["GET", "POST"])
def create():
    form = AgreementCreateForm()
    if not form.is_submitted():
        form.status_date.data = today_local()
        while len(form.parties) < PARTY_ROWS:
            form.add_party_row()
    if form.is_submitted() and form.adding_party:
        form.add_party_row()
    elif form.validate_on_submit():
        try:
            agreement = services.create_agreement(
                agreement_data(form),
                status=Status(form.status.data),
                acted_on=form.status_date.data,
                note=form.status_note.data,
                first_document=_first_document(form),
                user=_user(),
            )
        except DomainError as error:
            _refused(form, error)
        else:
            db.session.commit()
            flash(_("Instrumento %(folio)s registrado.", folio=agreement.folio), "success")
            return redirect(url_for(".detail", agreement_id=agreement.id))
    return render_template(
        "agreements/form.html", form=form, agreement=None, next_folios=_next_folios()
    )


@bp.route("/<int:agreement_id>/editar", methods=["GET", "POST"])
def edit(agreement_id: int):
    agreement = _load_or_404(agreement_id)
    form = (
        AgreementForm() if request.method == "POST" else AgreementForm(data=initial_data(agreement))
    )
    if form.is_submitted() and form.adding_party:
        form.add_party_row()
    elif form.validate_on_submit():
        try:
            services.update_agreement(
                agreement,
                agreement_data(form),
                base_version=_int(form.version.data) or 0,
                user=_user(),
            )
        except EditConflict as conflict:
            db.session.rollback()
            agreement = _load_or_404(agreement_id)
            form.form_errors.append(describe_changes_since(agreement, conflict.base_version))
            form.version.data = agreement.version  # saving again applies these values, knowingly
        except DomainError as error:
            _refused(form, error)
        else:
            db.session.commit()
            flash(_("Instrumento %(folio)s guardado.", folio=agreement.folio), "success")
            return redirect(url_for(".detail", agreement_id=agreement.id))
    elif not form.is_submitted():
        form.add_party_row()
    return render_template("agreements/form.html", form=form, agreement=agreement)


@bp.route("/<int:agreement_id>/estatus", methods=["GET", "POST"])
def move(agreement_id: int):
    agreement = _load_or_404(agreement_id)
    targets = allowed_targets(agreement.status, current_user.role)
    form = StatusForm()
    form.target.choices = [(target.value, target.label) for target in targets]
    form.evidence.choices = [("", _("— Ninguno —"))] + [
        (document.id, document_label(document)) for document in agreement.documents
    ]
    unsigned = [row for row in agreement.parties if row.signed_on is None]
    form.signed_parties.choices = [(row.party_id, row.party.name) for row in unsigned]
    if not form.is_submitted():
        form.acted_on.data = today_local()
        form.signed_parties.data = [row.party_id for row in unsigned]
    elif targets and form.validate_on_submit():
        try:
            services.change_status(
                agreement,
                Status(form.target.data),
                form.acted_on.data,
                _user(),
                note=form.note.data,
                reason=form.reason.data,
                evidence=_evidence(agreement, form.evidence.data),
                new_evidence=_new_evidence(form),
                signed_party_ids=set(form.signed_parties.data or []),
            )
        except DomainError as error:
            _refused(form, error)
        else:
            db.session.commit()
            flash(
                _("Estatus de %(folio)s: %(status)s.", folio=agreement.folio,
                  status=agreement.status.label),
                "success",
            )  # fmt: skip
            return redirect(url_for(".detail", agreement_id=agreement.id))
    return render_template("agreements/move.html", form=form, agreement=agreement, targets=targets)


# Helpers ---------------------------------------------------------------------------------------


def _refused(form, error: DomainError) -> None:
    """Undo the half-done unit of work and show the refusal on the form."""
    db.session.rollback()
    if error.field == "parties" and hasattr(form, "party_errors"):
        form.party_errors.append(error.message)
    else:
        show_on_form(form, error)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _next_folios() -> dict[AgreementKind, str]:
    year = today_local().year
    return {kind: next_folio(Agreement.folio, kind.folio_prefix, year) for kind in AgreementKind}


def _evidence(agreement: Agreement, document_id: int | None):
    if not document_id:
        return None
    return next((d for d in agreement.documents if d.id == document_id), None)


def _new_evidence(form: StatusForm):
    upload = form.evidence_file.data
    if not upload or not getattr(upload, "filename", None):
        return None
    kind = form.evidence_kind.data or EVIDENCE_KINDS.get(form.target.data, InstrumentKind.OTRO)
    data = InstrumentData(
        kind=InstrumentKind(kind),
        number=form.evidence_number.data,
        issued_on=form.acted_on.data,
    )
    return data, upload


def _first_document(form: AgreementCreateForm):
    """The document of the first act, if the form names one (a kind, a number or a file)."""
    upload = form.doc_file.data if getattr(form.doc_file.data, "filename", None) else None
    if not form.doc_kind.data or not (upload or form.doc_number.data or form.doc_issuer.data):
        return None
    data = InstrumentData(
        kind=InstrumentKind(form.doc_kind.data),
        number=form.doc_number.data,
        issuer=form.doc_issuer.data,
        issued_on=form.status_date.data,
    )
    return data, upload


def document_label(document) -> str:
    parts = [document.kind.label, document.number or "", document.issued_on and
             document.issued_on.strftime("%d/%m/%Y") or ""]  # fmt: skip
    return " · ".join(part for part in parts if part)


def initial_data(agreement: Agreement) -> dict:
    """What the edit form starts from: the agreement as saved, and its version."""
    return {
        **{
            name: getattr(agreement, name)
            for name in (
                "folio",
                "title",
                "objective",
                "responsible_unit",
                "responsible_person",
                "valid_from",
                "valid_until",
                "notes",
            )
        },  # fmt: skip
        "kind": agreement.kind.value,
        "topics": [topic.id for topic in agreement.topics],
        "parties": [
            {
                "party": row.party_id,
                "role": row.role,
                "signed_on": row.signed_on,
                "signatory": row.signatory,
            }
            for row in agreement.parties
        ],  # fmt: skip
        "version": agreement.version,
    }


def agreement_data(form: AgreementForm) -> services.AgreementData:
    """The form's values as the services take them."""
    ids = form.party_ids()
    parties = {p.id: p for p in db.session.scalars(select(Party).where(Party.id.in_(ids)))}
    entries = [
        services.PartyEntry(parties[row.party.data], row.role.data, row.signed_on.data,
                            row.signatory.data)
        for row in form.parties
        if row.party.data in parties
    ]  # fmt: skip
    return services.AgreementData(
        kind=AgreementKind(form.kind.data),
        title=form.title.data or "",
        parties=entries,
        folio=form.folio.data,
        objective=form.objective.data,
        topics=form.topics.selected_topics(),
        responsible_unit=form.responsible_unit.data,
        responsible_person=form.responsible_person.data,
        valid_from=form.valid_from.data,
        valid_until=form.valid_until.data,
        notes=form.notes.data,
    )
