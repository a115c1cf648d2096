"""Form fields that pick parties, shared by agreements, meetings and commitments."""

from __future__ import annotations

from collections import Counter

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import func, select
from wtforms import SelectField, SelectMultipleField

from registry.extensions import db
from registry.parties.models import Party
from registry.widgets import FastSelect


def counterpart_choices(include_ids: set[int] | None = None) -> dict[str, list]:
    """Active counterparts grouped by kind, as WTForms optgroups (``{kind label: [(id, name)]}``).

    Oaxaca de Juárez, "us", is never a counterpart.

    ``include_ids`` keeps inactive parties a record already names, so editing it loses nothing.
    """
    include_ids = include_ids or set()
    groups: dict[str, list] = {}
    for party_id, label, kind_label, active in _all_counterparts():
        if active or party_id in include_ids:
            groups.setdefault(kind_label, []).append((party_id, label))
    return groups


def _all_counterparts() -> list[tuple[int, str, str, bool]]:
    """Every counterpart as (id, label, kind label, active), cached per process until the
    parties table changes (a cheap count/last-update check per call): pickers on list pages
    must not rebuild hundreds of labels on every request."""
    version = tuple(db.session.execute(
        select(func.count(Party.id), func.max(Party.updated_at), func.max(Party.id))
    ).one())  # fmt: skip
    cache = current_app.extensions.setdefault("registry_counterparts", {})
    if cache.get("version") != version:
        cache.update(version=version, rows=_build_counterparts())
    return cache["rows"]


def _build_counterparts() -> list[tuple[int, str, str, bool]]:
    query = (
        select(Party.id, Party.name, Party.kind, Party.state, Party.active, Party.cvegeo)
        .where(Party.is_self.is_(False))
        .order_by(Party.kind, Party.name_key)
    )
    rows = db.session.execute(query).all()
    homonyms = Counter((row.kind, row.name) for row in rows)
    counterparts = []
    for row in rows:
        label = (
            row.name
            if row.kind != "municipio" or row.state in (None, "Oaxaca")
            else (f"{row.name} ({row.state})")
        )
        if homonyms[row.kind, row.name] > 1 and row.cvegeo:  # San Juan Mixtepec 20208 and 20209
            label = f"{label} ({row.cvegeo})"
        counterparts.append((row.id, label, row.kind.label, row.active))
    return counterparts


class PartiesField(SelectMultipleField):
    """Several counterparts; ``data`` is a list of party ids.

    Call ``load_choices()`` in the form's ``__init__`` (after ``super().__init__``), so the
    choices are read from the database per request and include what the record already has.
    """

    widget = FastSelect(multiple=True)

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=int, **kwargs)

    def load_choices(self) -> None:
        self.choices = counterpart_choices(set(self.data or []))

    def selected_parties(self) -> list[Party]:
        ids = list(self.data or [])
        if not ids:
            return []
        parties = db.session.scalars(select(Party).where(Party.id.in_(ids))).all()
        return sorted(parties, key=lambda party: ids.index(party.id))


class PartyField(SelectField):
    """One counterpart or none; ``data`` is a party id or None."""

    widget = FastSelect()

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=_int_or_none, **kwargs)

    def load_choices(self) -> None:
        current = {self.data} if self.data else set()
        options = [option for group in counterpart_choices(current).values() for option in group]
        self.choices = [("", _("— Ninguna —")), *sorted(options, key=lambda option: option[1])]


def _int_or_none(value):
    if value in (None, "", "None"):
        return None
    return int(value)
