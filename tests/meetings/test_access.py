"""Readers may look at everything and change nothing, on every meeting and commitment endpoint."""

from __future__ import annotations

import pytest

from registry.audit.models import AuditEvent
from registry.commitments import services as commitments
from registry.commitments.models import Commitment
from registry.extensions import db
from registry.meetings.models import Evidence, Meeting
from tests.conftest import row_count

#: POST endpoints open to any signed-in user: each one's own calendar subscription.
OWN_SETTINGS = {"meetings.issue_token", "meetings.revoke_token"}


@pytest.fixture
def records(make_meeting):
    meeting = make_meeting()
    item = commitments.add_commitment(meeting, "Acuerdo")
    from registry.meetings.services import add_link_evidence

    evidence = add_link_evidence(meeting, "https://x.com/Municipio/1")
    db.session.commit()
    return {"meeting_id": meeting.id, "commitment_id": item.id, "evidence_id": evidence.id}


def change_urls(app, records):
    for rule in app.url_map.iter_rules():
        ours = rule.endpoint.startswith(("meetings.", "commitments."))
        mine = ours and rule.endpoint not in OWN_SETTINGS
        if mine and "POST" in rule.methods:
            values = {name: records[name] for name in rule.arguments}
            yield rule.endpoint, rule.build(values, append_unknown=False)[1]


def test_readers_get_403_on_every_change(app, reader_client, records):
    urls = list(change_urls(app, records))
    assert len(urls) == 12
    counts = {model: row_count(model) for model in (Meeting, Commitment, Evidence, AuditEvent)}
    for endpoint, url in urls:
        response = reader_client.post(url, data={"title": "x", "text": "x", "note": "x"})
        assert response.status_code == 403, endpoint
    assert {model: row_count(model) for model in counts} == counts
    assert db.session.get(Commitment, records["commitment_id"]).status.value == "pendiente"
    assert db.session.get(Meeting, records["meeting_id"]).deleted_at is None


@pytest.mark.parametrize(
    "path",
    [
        "/reuniones/nueva",
        "/reuniones/{meeting_id}/editar",
        "/reuniones/acuerdos/{commitment_id}/editar",
    ],
)
def test_readers_do_not_get_the_editing_forms(reader_client, records, path):
    assert reader_client.get(path.format(**records)).status_code == 403


@pytest.mark.parametrize(
    "path",
    [
        "/reuniones/",
        "/reuniones/calendario",
        "/reuniones/{meeting_id}",
        "/reuniones/{meeting_id}.ics",
        "/reuniones/acuerdos",
        "/reuniones/acuerdos/{commitment_id}",
        "/reuniones/suscripcion",
    ],
)
def test_readers_see_every_page(reader_client, records, path):
    assert reader_client.get(path.format(**records)).status_code == 200
