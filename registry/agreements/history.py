"""An agreement's audit history in words, and the refusal of an edit based on an old version.

Every save of an agreement writes an audit event whose ``before``/``after`` carry the changed
fields and the version counter (see ``agreement_state``). A form remembers the version it was
filled from; when the row has moved on, the events written since that version say exactly what
changed and who changed it, and that is what the refused editor reads.
"""

from __future__ import annotations

from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from registry.agreements.models import Agreement, AgreementParty
from registry.agreements.transparency import TRANSPARENCY_FIELDS
from registry.audit import labels
from registry.audit.models import AuditEvent
from registry.extensions import db

#: The fields an agreement's (and its documents') audit events may name, in the order its
#: history and a conflict message list them. Labels and values are the audit trail's own
#: (``registry.audit.labels``): one label set for the whole registry.
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
    "status_date_precision",
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


def action_label(event: AuditEvent) -> str:
    """'Cambio de estatus', 'Envío a la papelera de documento'… (the audit trail's labels)."""
    action = labels.action_label(event.action)
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
    if row.ratified_on:
        parts.append(_("ratificó %(date)s", date=row.ratified_on.isoformat()))
    if row.withdrawn_on:
        parts.append(_("se retiró %(date)s", date=row.withdrawn_on.isoformat()))
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


def format_value(name: str, value: Any, entity: str = "agreement") -> str:
    """An audited value as a user reads it (``audit.labels.value_text``)."""
    return labels.value_text(entity, name, value)


def event_changes(event: AuditEvent) -> list[tuple[str, str | None, str | None]]:
    """(label, old, new) of each field an event names; None where the event has no such side."""
    before, after = event.before or {}, event.after or {}
    empty: tuple[object, ...] = (None, "", [], False)
    rows: list[tuple[str, str | None, str | None]] = []
    entity = event.entity
    for name in AGREEMENT_EVENT_FIELDS:
        label = labels.field_label(name)
        if name in before and name in after:
            rows.append(
                (
                    label,
                    format_value(name, before[name], entity),
                    format_value(name, after[name], entity),
                )
            )
        elif name in after and after[name] not in empty:  # a new record's value
            rows.append((label, None, format_value(name, after[name], entity)))
        elif name in before and before[name] not in empty:  # a removed record's value
            rows.append((label, format_value(name, before[name], entity), None))
    return rows


def describe_changes_since(agreement: Agreement, base_version: int) -> str:
    """The refusal an editor reads: who saved the agreement since ``base_version``, and what."""
    return " ".join(conflict_lines(agreement, base_version))


def conflict_lines(agreement: Agreement, base_version: int) -> list[str]:
    """``describe_changes_since`` sentence by sentence, one line per changed field."""
    events = [
        event
        for event in db_events(agreement)
        if isinstance(version := (event.before or {}).get("version"), int)
        and version >= base_version
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
            field=labels.field_label(name),
            old=format_value(name, first.get(name)),
            new=format_value(name, last[name]),
        )
        for name in AGREEMENT_EVENT_FIELDS
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
