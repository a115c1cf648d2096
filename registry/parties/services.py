"""Creating, editing and deactivating parties: the rules every caller shares.

A municipality's identity and geography (CVEGEO, name, state, point, polygon, population) belong
to INEGI: they come from geo/ reference data or from ``flask geo import``. Editors may add a
municipality by its CVEGEO before any import, and afterwards change only its acronym, website
and notes. Services flush and write the audit event; the caller commits.
"""

from __future__ import annotations

import re
from typing import Any

from flask_babel import gettext as _
from sqlalchemy import select

from registry.audit import services as audit
from registry.errors import DomainError
from registry.extensions import db
from registry.parties.models import OAXACA_DE_JUAREZ, Party, PartyKind
from registry.parties.states import STATES, state_of
from registry.text import fold

#: What the audit trail records of a party.
AUDITED = [
    "kind",
    "name",
    "acronym",
    "cvegeo",
    "state",
    "country",
    "latitude",
    "longitude",
    "website",
    "notes",
    "active",
]
#: What an editor may change on a municipality (the rest is INEGI's).
MUNICIPALITY_EDITABLE = ("acronym", "website", "notes")
MEXICO = "México"
_CVEGEO = re.compile(r"^\d{5}$")


def create_party(values: dict[str, Any]) -> Party:
    """A new active party from a form's ``values``; refuses duplicates and incomplete data."""
    values = _cleaned(values, PartyKind(values["kind"]))
    party = Party(**values, active=True)
    db.session.add(party)
    audit.record_create(party)
    return party


def update_party(party: Party, values: dict[str, Any]) -> Party:
    """Change a party; on a municipality only what INEGI does not own changes."""
    before = audit.snapshot(party, AUDITED)
    if party.kind == PartyKind.MUNICIPIO:
        values = _stripped({key: values.get(key) for key in MUNICIPALITY_EDITABLE})
    else:
        kind = PartyKind(values.get("kind") or party.kind)
        if kind == PartyKind.MUNICIPIO:
            raise DomainError(_("Una contraparte no se convierte en municipio."), field="kind")
        values = _cleaned(values, kind, party)
    for key, value in values.items():
        setattr(party, key, value)
    db.session.flush()
    audit.record_update(party, before)
    return party


def set_active(party: Party, active: bool) -> None:
    """Deactivate (no longer offered as a counterpart) or reactivate; records keep naming it."""
    if party.is_self:
        raise DomainError(_("Oaxaca de Juárez es el propio municipio: no se desactiva."))
    before = audit.snapshot(party, ["active"])
    party.active = active
    db.session.flush()
    audit.record_update(party, before, action="reactivate" if active else "deactivate")


def _cleaned(values: dict[str, Any], kind: PartyKind, party: Party | None = None) -> dict:
    """The party's columns from ``values``, checked against the rules of its kind."""
    values = _stripped(values)
    name = _name(values.get("name"))
    cleaned = {
        "kind": kind,
        "name": name,
        "acronym": values.get("acronym"),
        "website": values.get("website"),
        "notes": values.get("notes"),
        "latitude": None,
        "longitude": None,
    }
    if kind == PartyKind.MUNICIPIO:  # identified by CVEGEO: INEGI has homonyms
        return {**cleaned, **_municipality_place(values.get("cvegeo"))}
    if kind == PartyKind.EXTRANJERA:
        cleaned.update(_foreign_place(values))
    else:
        cleaned.update(_mexican_place(values.get("state")))
    _refuse_duplicate_name(kind, name, party)
    return cleaned


def _stripped(values: dict[str, Any]) -> dict[str, Any]:
    """Text trimmed, blanks as None."""
    return {
        key: (value.strip() or None) if isinstance(value, str) else value
        for key, value in values.items()
    }


def _name(name: str | None) -> str:
    name = " ".join((name or "").split())
    if not name:
        raise DomainError(_("Escriba el nombre."), field="name")
    return name


def _municipality_place(cvegeo: str | None) -> dict[str, Any]:
    """A municipality added by hand: its CVEGEO, and the state that follows from it."""
    if not cvegeo or not _CVEGEO.match(cvegeo):
        raise DomainError(_("La clave INEGI (CVEGEO) son 5 dígitos, p. ej. 20390."), "cvegeo")
    if state_of(cvegeo) is None:
        raise DomainError(
            _("Las dos primeras cifras de la CVEGEO son el estado (01 a 32)."), "cvegeo"
        )
    other = db.session.scalar(select(Party).where(Party.cvegeo == cvegeo))
    if other is not None:
        raise DomainError(
            _("Ya existe el municipio %(code)s: %(name)s.", code=cvegeo, name=other.name), "cvegeo"
        )
    return {
        "cvegeo": cvegeo,
        "state": state_of(cvegeo),
        "country": MEXICO,
        "is_self": cvegeo == OAXACA_DE_JUAREZ,
    }


def _foreign_place(values: dict[str, Any]) -> dict[str, Any]:
    """A foreign city: its country is required, and its point (both coordinates or none)."""
    country = values.get("country")
    if not country:
        raise DomainError(_("Indique el país de la ciudad extranjera."), field="country")
    if fold(country) == "mexico":
        raise DomainError(
            _("Una ciudad de México es un municipio: regístrela con su clave CVEGEO."), "country"
        )
    latitude, longitude = values.get("latitude"), values.get("longitude")
    if (latitude is None) != (longitude is None):
        field = "longitude" if longitude is None else "latitude"
        raise DomainError(_("Indique la latitud y la longitud, o ninguna de las dos."), field)
    return {"country": country, "state": None, "latitude": latitude, "longitude": longitude}


def _mexican_place(state: str | None) -> dict[str, Any]:
    if state is not None and state not in STATES.values():
        raise DomainError(_("Elija un estado de la lista."), field="state")
    return {"country": MEXICO, "state": state}


def _refuse_duplicate_name(kind: PartyKind, name: str, party: Party | None) -> None:
    query = select(Party).where(Party.kind == kind, Party.name_key == fold(name))
    if party is not None and party.id is not None:
        query = query.where(Party.id != party.id)
    other = db.session.scalar(query)
    if other is None:
        return
    message = _("Ya existe «%(name)s» entre las contrapartes de tipo %(kind)s.")
    if not other.active:
        message = _(
            "Ya existe «%(name)s» (desactivada) entre las contrapartes de tipo %(kind)s: "
            "reactívela en lugar de crearla de nuevo."
        )
    raise DomainError(message % {"name": other.name, "kind": kind.label}, field="name")
