"""Read-only queries of the parties pages: the filtered list and a party's records."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import ColumnElement, Select, func, or_, select
from sqlalchemy.orm import contains_eager

from registry.agreements.models import Agreement, AgreementParty
from registry.extensions import db
from registry.parties.models import Party, PartyBoundary, PartyKind
from registry.text import fold, like_pattern

#: The list's "estatus" filter: which parties it shows.
STATUS_FILTERS = ("activas", "desactivadas", "todas")


@dataclass(frozen=True)
class PartyFilters:
    """The list's filters, read from the query string (unknown values are ignored)."""

    text: str = ""
    kind: PartyKind | None = None
    #: True: ZMO members only (configured delimitation); False: non-members only.
    zmo: bool | None = None
    state: str | None = None
    status: str = "activas"

    @classmethod
    def from_args(cls, args) -> PartyFilters:
        kind = args.get("tipo", "")
        status = args.get("estatus", "activas")
        return cls(
            text=args.get("q", "").strip()[:100],
            kind=PartyKind(kind) if kind in PartyKind._value2member_map_ else None,
            zmo={"si": True, "no": False}.get(args.get("zmo", "")),
            state=args.get("estado", "").strip() or None,
            status=status if status in STATUS_FILTERS else "activas",
        )

    @property
    def active(self) -> bool:
        """Whether any filter narrows the list (for the "clear filters" link)."""
        return bool(self.text or self.kind or self.zmo is not None or self.state) or (
            self.status != "activas"
        )


def party_list(filters: PartyFilters) -> Select:
    """Parties matching ``filters``, by name (accent-insensitive search on name and acronym)."""
    query = select(Party).order_by(Party.name_key, Party.cvegeo)
    if filters.text:
        pattern = like_pattern(filters.text)
        matches: list[ColumnElement[bool]] = [
            Party.name_key.like(pattern, escape="\\"),
            func.lower(Party.acronym).like(pattern, escape="\\"),
        ]
        if fold(filters.text).isdigit():
            matches.append(Party.cvegeo.startswith(fold(filters.text)))
        query = query.where(or_(*matches))
    if filters.kind is not None:
        query = query.where(Party.kind == filters.kind)
    if filters.zmo is not None:
        query = query.where(Party.zmo_column().is_(filters.zmo))
    if filters.state:
        query = query.where(Party.state == filters.state)
    if filters.status != "todas":
        query = query.where(Party.active.is_(filters.status == "activas"))
    return query


def states_in_use() -> list[str]:
    """The states parties are in, for the list's filter."""
    states = db.session.scalars(select(Party.state).where(Party.state.is_not(None)).distinct())
    return sorted((state for state in states if state is not None), key=fold)


def party_agreements(party: Party) -> list[AgreementParty]:
    """The party's place in each agreement not in the recycle bin, newest act first."""
    query = (
        select(AgreementParty)
        .join(AgreementParty.agreement)
        .options(contains_eager(AgreementParty.agreement))
        .where(AgreementParty.party_id == party.id, Agreement.deleted_at.is_(None))
        .order_by(Agreement.status_date.desc().nulls_last(), Agreement.id.desc())
    )
    return list(db.session.scalars(query))


def boundary_facts(party: Party):
    """When and from which file the party's polygon was imported, and its area (or None)."""
    query = select(PartyBoundary.imported_at, PartyBoundary.source, PartyBoundary.area_km2)
    return db.session.execute(query.where(PartyBoundary.party_id == party.id)).one_or_none()
