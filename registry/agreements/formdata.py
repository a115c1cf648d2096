"""Between the forms and the services: a saved agreement as form data, and form values as the
services take them."""

from __future__ import annotations

from sqlalchemy import select

from registry.agreements import services
from registry.agreements.forms import AgreementCreateForm, AgreementForm, StatusForm
from registry.agreements.models import Agreement, AgreementKind
from registry.agreements.status import Status
from registry.agreements.transparency import TRANSPARENCY_FIELDS, SipotType, TransparencyData
from registry.documents.models import Document, DocumentKind
from registry.documents.services import DocumentData
from registry.extensions import db
from registry.parties.models import Party

#: The kind of an evidence document uploaded with a move, unless the user chose one.
EVIDENCE_KINDS = {
    Status.INTENCION.value: DocumentKind.CARTA_INTENCION,
    Status.FIRMADO.value: DocumentKind.CONVENIO,
    Status.RATIFICADO.value: DocumentKind.ACUERDO_RATIFICACION,
}


def evidence(agreement: Agreement, document_id: int | None) -> Document | None:
    """The agreement's document chosen as evidence (None: none, or not one of its own)."""
    if not document_id:
        return None
    return next((d for d in agreement.visible_documents if d.id == document_id), None)


def new_evidence(form: StatusForm):
    """(details, upload) of a document uploaded with a move, or None."""
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
    """The document of the first act, if the form names one (a kind, a number or a file)."""
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


def document_label(document: Document) -> str:
    """'Carta de intención · OPM/EXT/0064/2025 · 29/04/2025'."""
    parts = [
        document.kind.label,
        document.number or "",
        document.issued_on and document.issued_on.strftime("%d/%m/%Y") or "",
    ]
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
        },
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


def transparency_data(form: AgreementForm) -> TransparencyData:
    """The "Transparencia" fieldset's values as the services take them."""
    values = {name: form.transparency[name].data for name in TRANSPARENCY_FIELDS}
    values["sipot_type"] = SipotType(values["sipot_type"]) if values["sipot_type"] else None
    return TransparencyData(**values)


def agreement_data(form: AgreementForm) -> services.AgreementData:
    """The form's values as the services take them."""
    ids = form.party_ids()
    parties = {p.id: p for p in db.session.scalars(select(Party).where(Party.id.in_(ids)))}
    entries = [
        services.PartyEntry(
            parties[row.party.data], row.role.data, row.signed_on.data, row.signatory.data
        )
        for row in form.parties
        if row.party.data in parties
    ]
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
        transparency=transparency_data(form),
    )
