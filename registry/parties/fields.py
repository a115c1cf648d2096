"""Form fields that pick parties, shared by agreements, meetings and commitments."""

from __future__ import annotations

from collections import Counter

from flask_babel import gettext as _
from sqlalchemy import select
from wtforms import FieldList, SelectField, SelectMultipleField

# types-WTForms 3.2 predates SelectChoice (WTForms 3.3), though WTForms exports it.
from wtforms.fields.choices import SelectChoice  # type: ignore[attr-defined]

from registry.extensions import db
from registry.parties.models import Party
from registry.text import fold
from registry.widgets import FastSelect


def counterpart_choices(include_ids: set[int] | None = None) -> list[SelectChoice]:
    """Active counterparts grouped by kind (``SelectChoice`` with ``optgroup``), as a picker
    lists them; Oaxaca de Juárez, "us", is never one.

    ``include_ids`` keeps inactive parties a record already names, so editing it loses nothing.
    """
    return [
        choice
        for choice, active in _all_counterparts()["grouped"]
        if active or choice.value in (include_ids or ())
    ]


def counterpart_options(include_ids: set[int] | None = None) -> list[SelectChoice]:
    """The same counterparts in one alphabetical list (for a single-party select)."""
    return [
        choice
        for choice, active in _all_counterparts()["flat"]
        if active or choice.value in (include_ids or ())
    ]


def _all_counterparts() -> dict[str, list[tuple[SelectChoice, bool]]]:
    """Every counterpart as (choice, active), grouped by kind and flat (one query)."""
    query = (
        select(Party.id, Party.name, Party.kind, Party.state, Party.active, Party.cvegeo)
        .where(Party.is_self.is_(False))
        .order_by(Party.kind, Party.name_key)
    )
    rows = db.session.execute(query).all()
    homonyms = Counter((row.kind, row.name) for row in rows)
    grouped, flat = [], []
    for row in rows:
        label = (
            row.name
            if row.kind != "municipio" or row.state in (None, "Oaxaca")
            else (f"{row.name} ({row.state})")
        )
        if homonyms[row.kind, row.name] > 1 and row.cvegeo:  # San Juan Mixtepec 20208 and 20209
            label = f"{label} ({row.cvegeo})"
        grouped.append((SelectChoice(row.id, label, optgroup=row.kind.label), row.active))
        flat.append((SelectChoice(row.id, label), row.active))
    flat.sort(key=lambda pair: fold(pair[0].label))
    return {"grouped": grouped, "flat": flat}


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

    def load_choices(self, none_label: str | None = None) -> None:
        """Every active counterpart (and the chosen one), after ``none_label`` (— Ninguna —)."""
        current = {self.data} if self.data else set()
        none = SelectChoice("", none_label or _("— Ninguna —"))
        self.choices = [none, *counterpart_options(current)]

    def selected_party(self) -> Party | None:
        """The Party chosen, or None."""
        return db.session.get(Party, self.data) if self.data else None


def load_party_rows(rows: FieldList, key: str) -> None:
    """Give the party select ``key`` of every row of ``rows`` the same choices, read once."""
    current = {entry.form[key].data for entry in rows if entry.form[key].data}
    choices = [SelectChoice("", _("— Ninguna —")), *counterpart_options(current)]
    for entry in rows:
        entry.form[key].choices = choices


def _int_or_none(value):
    if value in (None, "", "None"):
        return None
    return int(value)
