from __future__ import annotations

import pytest

from registry.audit import services as audit
from registry.audit.models import AuditEvent, AuditTrailIsAppendOnly
from registry.extensions import db


def test_record_keeps_who_what_and_the_change(editor):
    event = audit.record(
        "update", "agreements", 7, before={"title": "A"}, after={"title": "Á & <b>"}, user=editor
    )
    db.session.commit()
    stored = db.session.get(AuditEvent, event.id)
    assert (stored.actor, stored.entity, stored.entity_id) == (editor.email, "agreements", "7")
    assert stored.after == {"title": "Á & <b>"}
    assert stored.occurred_at.tzinfo is not None


def test_changes_keep_only_what_differs():
    assert audit.changes({"a": 1, "b": 2}, {"a": 1, "b": 3}) == ({"b": 2}, {"b": 3})


@pytest.mark.parametrize("operation", ["update", "delete"])
def test_events_cannot_be_rewritten(editor, operation):
    event = audit.record("create", "users", editor.id, after={"email": editor.email})
    db.session.commit()
    if operation == "update":
        event.action = "forged"
    else:
        db.session.delete(event)
    with pytest.raises(AuditTrailIsAppendOnly):
        db.session.commit()
    db.session.rollback()
