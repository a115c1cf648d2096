"""The audit browser (admins): every event with who, when, what and the record; filters by
user, kind of record, record, action and dates in Oaxaca; before/after of each change."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from registry.audit import services as audit
from registry.audit.models import AuditEvent
from registry.extensions import db
from registry.recycle.services import move_to_bin
from tests.factories import make_agreement

URL = "/admin/auditoria/"


def text(response) -> str:
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def event_at(moment: datetime, **fields) -> AuditEvent:
    """An event written at ``moment`` (UTC), as if recorded then."""
    fields.setdefault("entity", "agreement")
    event = audit.record(fields.pop("action", "update"), fields.pop("entity"), **fields)
    event.occurred_at = moment
    db.session.commit()
    return event


@pytest.mark.parametrize("who", ["editor_client", "reader_client"])
def test_only_admins_browse_the_trail(request, who):
    assert request.getfixturevalue(who).get(URL).status_code == 403


def test_each_event_says_who_when_what_and_shows_before_and_after(admin_client, editor):
    agreement = make_agreement(title="Hermanamiento Oaxaca de Juárez – Ensenada", user=editor)
    audit.record(
        "update",
        "agreement",
        agreement.id,
        user=editor,
        before={"title": "Hermanamiento con Ensenada", "status": "intencion"},
        after={"title": "Hermanamiento Oaxaca de Juárez – Ensenada", "status": "negociacion"},
    )
    db.session.commit()
    page = text(admin_client.get(URL))
    for expected in (
        "Edición",
        "Alta",
        "Instrumento",
        f"{editor.full_name} ({editor.email})",
        "Título",
        "Hermanamiento con Ensenada",
        "Estatus",
        "Intención",
        "Negociación",
        f'href="/instrumentos/{agreement.id}"',
    ):
        assert expected in page, expected
    events = page.split('<ol class="list-unstyled">')[1]
    assert events.index("Edición") < events.index("Alta")  # newest first


def test_values_are_escaped_and_long_ones_truncated(admin_client, editor):
    long = "Objetivo muy largo. " * 20
    audit.record(
        "update",
        "agreement",
        1,
        before={"objective": "<b>breve</b>"},
        after={"objective": long},
        user=editor,
    )
    db.session.commit()
    page = text(admin_client.get(URL))
    assert "&lt;b&gt;breve&lt;/b&gt;" in page and "<b>breve</b>" not in page
    assert "(ver completo)" in page and long.strip() in page


def test_a_record_in_the_bin_is_named_but_not_linked(admin_client, editor):
    agreement = make_agreement(title="Convenio que se eliminó", user=editor)
    move_to_bin(agreement, "Duplicado", user=editor)
    db.session.commit()
    page = text(admin_client.get(URL))
    assert "Envío a la papelera" in page and "Motivo de eliminación" in page
    assert "Duplicado" in page and "En la papelera" in page and "Convenio que se eliminó" in page
    assert f'href="/instrumentos/{agreement.id}"' not in page


def test_filters(admin_client, admin, editor):
    event_at(datetime(2025, 5, 1, 5, 30, tzinfo=UTC), entity_id=1, user=editor)  # 30 Apr local
    event_at(datetime(2025, 5, 1, 6, 30, tzinfo=UTC), entity_id=2, user=admin)  # 1 May local
    event_at(
        datetime(2025, 5, 2, 12, 0, tzinfo=UTC),
        entity="meeting",
        entity_id=1,
        action="delete",
        user=editor,
    )

    def shown(query: str) -> list[str]:
        page = text(admin_client.get(URL + query))
        return sorted(int(row) for row in _record_numbers(page))

    assert shown("") == [1, 1, 2]
    assert shown(f"?user={editor.id}") == [1, 1]
    assert shown("?entity=meeting") == [1]
    assert shown("?entity=agreement&record=2") == [2]
    assert shown("?action=delete") == [1]
    assert shown("?date_from=2025-05-01&date_to=2025-05-01") == [2]
    assert shown("?date_to=2025-04-30") == [1]
    assert "Ningún evento coincide" in text(admin_client.get(URL + "?date_from=2026-01-01"))


def _record_numbers(page: str) -> list[str]:
    marker = "(registro "
    return [chunk.split(":")[0] for chunk in page.split(marker)[1:]]


BAD_FILTERS = [
    "?record=abc",
    "?date_from=2025-05-02&date_to=2025-05-01",
    "?user=999&entity=x&action=y&date_from=ayer&page=9",
]


@pytest.mark.parametrize("query", BAD_FILTERS)
def test_bad_filters_are_shown_not_fatal(admin_client, editor, query):
    event_at(datetime(2025, 5, 1, 12, 0, tzinfo=UTC), entity_id=1, user=editor)
    assert admin_client.get(URL + query).status_code == 200


def test_the_filter_form_offers_what_the_trail_holds(admin_client, editor):
    audit.record("status_change", "agreement", 1, user=editor)
    audit.record("close", "commitment", 1, user=editor)
    db.session.commit()
    page = text(admin_client.get(URL))
    assert "Cambio de estatus" in page and "Marcado como cumplido" in page
    options = page.split('id="entity"')[1].split("</select>")[0]
    assert 'value="commitment">Acuerdo de reunión' in options
    assert 'value="party"' not in options  # only kinds the trail holds


def test_a_bounded_number_of_queries_whatever_the_events(admin_client, editor, count_queries):
    def fill(n: int) -> None:
        for number in range(n):
            agreement = make_agreement(user=editor, commit=False)
            audit.record("close", "commitment", number + 1, user=editor)
            audit.record("update", "party", number + 1, user=editor)
            audit.record("update", "users", editor.id, user=editor)
            move_to_bin(agreement, "Prueba", user=editor)
        db.session.commit()

    def measure() -> int:
        with count_queries() as counter:
            text(admin_client.get(URL))
        return counter.count

    fill(2)
    few = measure()
    fill(10)
    assert measure() == few


def test_changes_in_words(app):
    from registry.audit.labels import changed_fields

    created = AuditEvent(
        entity="meeting",
        action="create",
        before=None,
        after={
            "folio": "REU-2025-004",
            "kind": "mesa_seguridad",
            "place": None,
            "version": 1,
            "dates": ["2025-05-09"],
            "start_time": "10:30:00",
        },
    )
    assert changed_fields(created) == [
        ("Folio", None, "REU-2025-004"),
        ("Tipo", None, "Mesa de seguridad"),
        ("Fechas", None, "9 de mayo de 2025"),
        ("Hora", None, "10:30:00"),
    ]
    edited = AuditEvent(
        entity="users",
        action="update",
        before={"role": "editor", "active": True},
        after={"role": "reader", "active": False},
    )
    assert changed_fields(edited) == [("Rol", "Edición", "Consulta"), ("Activo", "Sí", "No")]
    binned = AuditEvent(
        entity="meeting",
        action="delete",
        before={"deleted_at": None, "deletion_reason": None},
        after={"deleted_at": "2025-05-01T05:30:00+00:00", "deletion_reason": "x"},
    )
    assert changed_fields(binned)[0] == (
        "En la papelera desde",
        "(vacío)",
        "30 de abril de 2025, 23:30",
    )
