"""Agreement pages: the list, the detail with its timeline, the forms, the status move."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
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
from registry.agreements.forms import (
    PARTY_ROWS,
    AgreementCreateForm,
    AgreementFilterForm,
    AgreementForm,
    StatusForm,
)
from registry.agreements.history import action_label, conflict_lines, event_changes
from registry.agreements.models import Agreement, AgreementKind
from registry.agreements.status import Status, allowed_targets
from registry.agreements.transparency import TRANSPARENCY_FIELDS, sipot_type, transparency_data
from registry.auth.models import Role
from registry.auth.permissions import acting_user, requires
from registry.dates import today_local
from registry.documents.forms import document_label, evidence_upload, first_document
from registry.documents.models import Document
from registry.errors import DomainError, EditConflict, show_on_form
from registry.extensions import db
from registry.folios import next_folio
from registry.pagination import paginate
from registry.parties.models import Party
from registry.recycle.views import confirm_trash
from registry.saving import save

bp = Blueprint("agreements", __name__, url_prefix="/instrumentos")


def _load_or_404(agreement_id: int) -> Agreement:
    agreement = queries.load_agreement(agreement_id)
    if agreement is None:
        abort(404)
    return agreement


@bp.route("/")
def index():
    form = AgreementFilterForm()
    query = queries.agreement_list(form.filters(), today_local())
    page = paginate(query, error_out=False)
    return render_template("agreements/index.html", page=page, form=form)


@bp.route("/<int:agreement_id>")
def detail(agreement_id: int):
    agreement = _load_or_404(agreement_id)
    return render_template(
        "agreements/detail.html",
        agreement=agreement,
        timeline=queries.timeline(agreement),
        history=queries.audit_history(agreement),
        sipot=sipot_type(agreement),
        event_changes=event_changes,
        action_label=action_label,
    )


@bp.route("/nuevo", methods=["GET", "POST"])
@requires(Role.EDITOR)  # the form itself is of no use to a reader
def create():
    form = AgreementCreateForm()
    if not form.is_submitted():
        form.status_date.data = today_local()
        while len(form.parties) < PARTY_ROWS:
            form.add_party_row()
    if form.is_submitted() and form.adding_party:
        form.add_party_row()
    elif form.validate_on_submit():
        agreement = save(
            form,
            lambda: services.create_agreement(
                _agreement_data(form),
                status=Status(form.status.data),
                acted_on=form.status_date.data,
                note=form.status_note.data,
                first_document=first_document(form),
                user=acting_user(),
            ),
            show=_refused,
        )
        if agreement is not None:
            flash(_("Instrumento %(folio)s registrado.", folio=agreement.folio), "success")
            return redirect(url_for(".detail", agreement_id=agreement.id))
    return render_template(
        "agreements/form.html", form=form, agreement=None, next_folios=_next_folios()
    )


@bp.route("/<int:agreement_id>/editar", methods=["GET", "POST"])
@requires(Role.EDITOR)  # the form itself is of no use to a reader
def edit(agreement_id: int):
    agreement = _load_or_404(agreement_id)
    form = (
        AgreementForm()
        if request.method == "POST"
        else AgreementForm(data=_initial_data(agreement))
    )
    if form.is_submitted() and form.adding_party:
        form.add_party_row()
    elif form.validate_on_submit():
        base_version = _int(form.version.data) or 0
        saved = save(
            form,
            lambda: services.update_agreement(
                agreement, _agreement_data(form), base_version=base_version, user=acting_user()
            ),
            show=lambda form, error: _refused(form, error, agreement_id, base_version),
        )
        if saved is not None:
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
        (document.id, document_label(document)) for document in agreement.visible_documents
    ]
    unsigned = [row for row in agreement.parties if row.signed_on is None]
    form.signed_parties.choices = [(row.party_id, row.party.name) for row in unsigned]
    if not form.is_submitted():
        form.acted_on.data = today_local()
        form.signed_parties.data = [row.party_id for row in unsigned]
    elif targets and form.validate_on_submit():
        moved = save(
            form,
            lambda: services.change_status(
                agreement,
                Status(form.target.data),
                form.acted_on.data,
                acting_user(),
                note=form.note.data,
                reason=form.reason.data,
                evidence=_evidence(agreement, form.evidence.data),
                new_evidence=evidence_upload(form),
                signed_party_ids=set(form.signed_parties.data or []),
            ),
            show=_refused,
        )
        if moved is not None:
            flash(
                _(
                    "Estatus de %(folio)s: %(status)s.",
                    folio=agreement.folio,
                    status=agreement.status.label,
                ),
                "success",
            )
            return redirect(url_for(".detail", agreement_id=agreement.id))
    return render_template("agreements/move.html", form=form, agreement=agreement, targets=targets)


@bp.route("/<int:agreement_id>/eliminar", methods=["GET", "POST"])
@requires(Role.EDITOR)  # the confirmation page is of no use to a reader
def delete(agreement_id: int):
    agreement = _load_or_404(agreement_id)
    return confirm_trash(
        agreement,
        lambda reason: services.delete_agreement(agreement, reason, user=acting_user()),
        back=url_for(".detail", agreement_id=agreement.id),
        done=url_for(".index"),
        consequences=[
            _("Sus documentos se ocultan con él y vuelven si se restaura."),
            _(
                "Las reuniones vinculadas se conservan; el vínculo deja de mostrarse mientras el "
                "instrumento esté en la papelera."
            ),
        ],
    )


# Helpers ---------------------------------------------------------------------------------------


def _refused(
    form, error: DomainError, agreement_id: int | None = None, base_version: int = 0
) -> None:
    """Show a refusal on the form (after ``save`` rolled back): a party's beside the party rows,
    a transparency field's beside it; an edit conflict as what the other person changed since
    ``base_version``, with the version now current, so that saving again applies these values,
    knowingly."""
    if isinstance(error, EditConflict) and agreement_id is not None:
        current = _load_or_404(agreement_id)
        form.form_errors.extend(conflict_lines(current, base_version))
        form.version.data = current.version
    elif error.field == "parties" and hasattr(form, "party_errors"):
        form.party_errors.append(error.message)
    elif error.field in TRANSPARENCY_FIELDS and hasattr(form, "transparency"):
        field = form.transparency[error.field]
        field.errors = [*field.errors, error.message]
    else:
        show_on_form(form, error)


#: The agreement's own fields the form edits as they are (besides kind, parties and topics).
EDITABLE = [
    "folio",
    "title",
    "objective",
    "responsible_unit",
    "responsible_person",
    "valid_from",
    "valid_until",
    "notes",
]


def _initial_data(agreement: Agreement) -> dict:
    """What the edit form starts from: the agreement as saved, and its version."""
    return {name: getattr(agreement, name) for name in EDITABLE} | {
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
        ],
        "transparency": {name: getattr(agreement, name) or None for name in TRANSPARENCY_FIELDS}
        | {"sipot_type": agreement.sipot_type or ""},
        "version": agreement.version,
    }


def _agreement_data(form: AgreementForm) -> services.AgreementData:
    """The form's values as the services take them."""
    ids = form.party_ids()
    parties = {p.id: p for p in db.session.scalars(select(Party).where(Party.id.in_(ids)))}
    return services.AgreementData(
        kind=AgreementKind(form.kind.data),
        title=form.title.data or "",
        parties=[
            services.PartyEntry(
                parties[row.party.data], row.role.data, row.signed_on.data, row.signatory.data
            )
            for row in form.parties
            if row.party.data in parties
        ],
        topics=form.topics.selected_topics(),
        transparency=transparency_data(form),
        **{name: getattr(form, name).data for name in EDITABLE if name != "title"},
    )


def _evidence(agreement: Agreement, document_id: int | None) -> Document | None:
    """The agreement's document chosen as evidence (None: none, or not one of its own)."""
    if not document_id:
        return None
    return next((d for d in agreement.visible_documents if d.id == document_id), None)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def _next_folios() -> dict[AgreementKind, str]:
    year = today_local().year
    return {kind: next_folio(Agreement.folio, kind.folio_prefix, year) for kind in AgreementKind}
