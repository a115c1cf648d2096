"""Our own areas: the admin catalogue, and a meeting that records them apart from its parties."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa

from registry.areas.models import Area
from registry.demo import load_demo
from registry.extensions import db
from registry.meetings.models import Meeting
from tests.factories import make_area, make_party
from tests.forms import submit_form


def area(name: str) -> Area | None:
    return db.session.scalar(sa.select(Area).where(Area.name == name))


def test_an_admin_adds_and_edits_an_area(admin_client):
    response = submit_form(
        admin_client,
        "/admin/areas/nueva",
        {"name": "Secretaría de Turismo", "kind": "secretaria", "email": "turismo@oaxaca.gob.mx"},
    )
    assert response.status_code == 302
    created = area("Secretaría de Turismo")
    assert (created.kind, created.email, created.active) == (
        "secretaria",
        "turismo@oaxaca.gob.mx",
        True,
    )
    again = submit_form(admin_client, "/admin/areas/nueva", {"name": "secretaria de TURISMO"})
    assert again.status_code == 200 and "Ya existe el área" in again.get_data(as_text=True)

    response = submit_form(
        admin_client, f"/admin/areas/{created.id}/editar", {"kind": "organo_auxiliar", "active": ""}
    )
    assert response.status_code == 302
    db.session.refresh(created)
    assert (created.kind, created.active) == ("organo_auxiliar", False)
    page = admin_client.get("/admin/areas/").get_data(as_text=True)
    assert "Secretaría de Turismo" in page and "Órgano auxiliar" in page and "Desactivada" in page


@pytest.mark.parametrize("who", ["editor_client", "reader_client"])
def test_only_admins_manage_areas(request, who):
    client = request.getfixturevalue(who)
    assert client.get("/admin/areas/").status_code == 403
    assert client.get("/admin/areas/nueva").status_code == 403


def test_the_demo_loads_the_24_areas_of_the_jefaturas_report(app):
    load_demo()
    db.session.commit()
    kinds = db.session.execute(sa.select(Area.kind, sa.func.count()).group_by(Area.kind)).all()
    assert dict(kinds) == {"secretaria": 9, "instituto": 5, "organo_auxiliar": 9, "otra": 1}
    assert area("Jefatura de la Oficina de la Presidencia") is not None
    load_demo()  # twice changes nothing
    assert db.session.scalar(sa.select(sa.func.count()).select_from(Area)) == 24


def test_a_meeting_records_our_areas_apart_from_its_parties(editor_client):
    ours = [make_area("Secretaría de Seguridad Vecinal"), make_area("Secretaría Municipal")]
    state = make_party("Secretaría de Seguridad Pública de Oaxaca")
    response = submit_form(
        editor_client,
        "/reuniones/nueva",
        {
            "kind": "mesa_seguridad",
            "title": "Mesa de seguridad",
            "start_date": "2025-05-09",
            "parties": [str(state.id)],
            "areas": [str(a.id) for a in ours],
        },
    )
    assert response.status_code == 302, response.get_data(as_text=True)
    meeting = db.session.scalar(sa.select(Meeting))
    assert [a.name for a in meeting.areas] == [
        "Secretaría Municipal",
        "Secretaría de Seguridad Vecinal",
    ]
    assert [p.name for p in meeting.parties] == [state.name]
    assert (meeting.state, meeting.first_date) == ("realizada", date(2025, 5, 9))
    page = editor_client.get(f"/reuniones/{meeting.id}").get_data(as_text=True)
    assert "Secretaría de Seguridad Vecinal" in page
