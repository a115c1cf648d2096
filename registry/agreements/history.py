"""An agreement's audit history in words, and the refusal of an edit based on an old version.

Every save of an agreement writes an audit event whose ``before``/``after`` carry the changed
fields and the version counter (see ``agreement_state``). A form remembers the version it was
filled from; when the row has moved on, the events written since that version say exactly what
changed and who changed it, and that is what the refused editor reads.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from registry.agreements.models import Agreement, AgreementKind, AgreementParty
from registry.agreements.status import Status
from registry.agreements.transparency import TRANSPARENCY_FIELDS, SipotType
from registry.audit.labels import FIELD_LABELS as AUDIT_FIELD_LABELS
from registry.audit.models import AuditEvent
from registry.documents.models import DocumentKind
from registry.extensions import db
from registry.filters import fecha
from registry.i18n import lazy_gettext as _l

#: The fields an agreement's (and its documents') audit events may name, in the order a
#: conflict message lists them; their labels are the audit trail's.
AGREEMENT_EVENT_FIELDS = (
    "folio",
    "kind",
    "title",
    "objective",
    "topics",
    "parties",
    "responsible_unit",
    "responsible_person",
    "valid_from",
    "valid_until",
    "notes",
    "sipot_type",
    "resources_source",
    "resources_description",
    "published_on",
    "document_url",
    "amendments_url",
    "transparency_note",
    "sre_opinion",
    "sre_opinion_on",
    "sre_registry_number",
    "sre_registered_on",
    "status",
    "status_date",
    "formalized_on",
    "acted_on",
    "reason",
    "correction",
    "number",
    "issued_on",
    "issuer",
    "file_id",
    "deletion_reason",
)
FIELD_LABELS = {name: AUDIT_FIELD_LABELS[name] for name in AGREEMENT_EVENT_FIELDS}

AGREEMENT_COLUMNS = [
    "folio",
    "kind",
    "title",
    "objective",
    "responsible_unit",
    "responsible_person",
    "valid_from",
    "valid_until",
    "notes",
    *TRANSPARENCY_FIELDS,
]

ACTION_LABELS = {
    "create": _l("Alta"),
    "update": _l("Edición"),
    "status_change": _l("Cambio de estatus"),
    "delete": _l("Eliminación"),
    "restore": _l("Restauración"),
}


def action_label(event: AuditEvent) -> str:
    """'Cambio de estatus', 'Alta de documento'…"""
    action = str(ACTION_LABELS.get(event.action, event.action))
    if event.entity == "document":
        return _("%(action)s de documento", action=action)
    return action


def party_line(row: AgreementParty) -> str:
    """'Cozumel · Contraparte · firmó 2025-06-30 · firma: …' (the audit form of a party)."""
    parts = [row.party.name]
    if row.role:
        parts.append(row.role)
    if row.signed_on:
        parts.append(_("firmó %(date)s", date=row.signed_on.isoformat()))
    if row.signatory:
        parts.append(_("firma: %(name)s", name=row.signatory))
    return " · ".join(parts)


def agreement_state(agreement: Agreement) -> dict[str, Any]:
    """The editable state of an agreement, as audit events record it (version included)."""
    state: dict[str, Any] = {name: getattr(agreement, name) for name in AGREEMENT_COLUMNS}
    state["topics"] = sorted(topic.name for topic in agreement.topics)
    state["parties"] = [party_line(row) for row in agreement.parties]
    state["version"] = agreement.version
    return state


def format_value(name: str, value: Any) -> str:
    """An audited value as a user reads it."""
    if value is None or value == "" or value == []:
        return _("(vacío)")
    if isinstance(value, bool):
        return _("Sí") if value else _("No")
    if isinstance(value, list):
        return "; ".join(str(item) for item in value)
    if name == "file_id":
        return _("adjunto")
    if name in ("status",) and value in Status._value2member_map_:
        return Status(value).label
    if name == "sipot_type" and value in SipotType._value2member_map_:
        return SipotType(value).label
    if name == "kind":
        for enum in (AgreementKind, DocumentKind):
            if value in enum._value2member_map_:
                return enum(value).label
    if name in (
        "valid_from",
        "valid_until",
        "status_date",
        "formalized_on",
        "acted_on",
        "issued_on",
        "published_on",
        "sre_opinion_on",
        "sre_registered_on",
    ) and isinstance(value, str):
        return fecha(date.fromisoformat(value))
    return str(value)


def event_changes(event: AuditEvent) -> list[tuple[str, str | None, str | None]]:
    """(label, old, new) of each field an event names; None where the event has no such side."""
    before, after = event.before or {}, event.after or {}
    empty = (None, "", [], False)
    rows = []
    for name in FIELD_LABELS:
        label = str(FIELD_LABELS[name])
        if name in before and name in after:
            rows.append((label, format_value(name, before[name]), format_value(name, after[name])))
        elif name in after and after[name] not in empty:  # a new record's value
            rows.append((label, None, format_value(name, after[name])))
        elif name in before and before[name] not in empty:  # a removed record's value
            rows.append((label, format_value(name, before[name]), None))
    return rows


def describe_changes_since(agreement: Agreement, base_version: int) -> str:
    """The refusal an editor reads: who saved the agreement since ``base_version``, and what."""
    return " ".join(conflict_lines(agreement, base_version))


def conflict_lines(agreement: Agreement, base_version: int) -> list[str]:
    """``describe_changes_since`` sentence by sentence, one line per changed field."""
    events = [
        event
        for event in db_events(agreement)
        if isinstance((event.before or {}).get("version"), int)
        and event.before["version"] >= base_version
    ]
    intro = _(
        "No se guardó: mientras usted editaba, otra persona guardó cambios en este instrumento."
    )
    outro = _(
        "Sus datos siguen en el formulario: revíselos frente a lo que cambió y vuelva a guardar "
        "para aplicarlos."
    )
    first: dict[str, Any] = {}
    last: dict[str, Any] = {}
    for event in events:
        for name, value in (event.before or {}).items():
            first.setdefault(name, value)
        last.update(event.after or {})
    changed = [
        _(
            "%(field)s: «%(old)s» → «%(new)s».",
            field=FIELD_LABELS[name],
            old=format_value(name, first.get(name)),
            new=format_value(name, last[name]),
        )
        for name in FIELD_LABELS
        if name in last and name in first and first.get(name) != last[name]
    ]
    if not changed:
        return [intro, outro]
    who = ", ".join(
        sorted({event.user.full_name if event.user else event.actor for event in events})
    )
    return [intro, _("Lo que cambió %(who)s:", who=who), *changed, outro]


def db_events(agreement: Agreement) -> list[AuditEvent]:
    """The audit events of this agreement, oldest first."""
    return list(
        db.session.scalars(
            select(AuditEvent)
            .where(AuditEvent.entity == "agreement", AuditEvent.entity_id == str(agreement.id))
            .order_by(AuditEvent.id)
        )
    )
