"""Form fields that pick parties, shared by agreements, meetings and commitments."""

from __future__ import annotations

from collections import Counter

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import SelectField, SelectMultipleField

from registry.extensions import db
from registry.parties.models import Party


def counterpart_choices(include_ids: set[int] | None = None) -> dict[str, list]:
    """Active counterparts grouped by kind, as WTForms optgroups (``{kind label: [(id, name)]}``).

    Oaxaca de Juárez, "us", is never a counterpart.

    ``include_ids`` keeps inactive parties a record already names, so editing it loses nothing.
    """
    include_ids = include_ids or set()
    query = (
        select(Party.id, Party.name, Party.kind, Party.state, Party.active, Party.cvegeo)
        .where(Party.is_self.is_(False))
        .order_by(Party.kind, Party.name_key)
    )
    rows = [row for row in db.session.execute(query) if row.active or row.id in include_ids]
    homonyms = Counter((row.kind, row.name) for row in rows)
    groups: dict[str, list] = {}
    for row in rows:
        label = (
            row.name
            if row.kind != "municipio" or row.state in (None, "Oaxaca")
            else (f"{row.name} ({row.state})")
        )
        if homonyms[row.kind, row.name] > 1 and row.cvegeo:  # San Juan Mixtepec 20208 and 20209
            label = f"{label} ({row.cvegeo})"
        groups.setdefault(row.kind.label, []).append((row.id, label))
    return groups


class PartiesField(SelectMultipleField):
    """Several counterparts; ``data`` is a list of party ids.

    Call ``load_choices()`` in the form's ``__init__`` (after ``super().__init__``), so the
    choices are read from the database per request and include what the record already has.
    """

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
