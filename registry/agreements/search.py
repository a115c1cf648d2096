"""Accent- and case-insensitive text search over agreements.

An agreement matches when the folded words appear in its ``search_text`` (folio, title and
objective, folded by the services when they save it) or in the ``name_key`` of one of its
parties. Party names are not copied into ``search_text``: a party renamed in the parties pages
is then found by its new name at once, without rewriting the agreements that name it.
"""

from __future__ import annotations

from sqlalchemy import and_, exists, func, or_, select

from registry.text import fold, like_pattern


def search_text(folio: str | None, title: str | None, objective: str | None) -> str:
    """What ``Agreement.search_text`` holds: the folded folio, title and objective."""
    return " ".join(part for part in (fold(folio), fold(title), fold(objective)) if part)


def text_condition(text: str):
    """A WHERE clause: every word of ``text`` is in the agreement's text or a party's name.

    "xoxocotlan convenio" finds an agreement titled "Convenio …" with Santa Cruz Xoxocotlán.
    """
    from registry.agreements.models import Agreement, AgreementParty
    from registry.parties.models import Party

    conditions = []
    for word in fold(text).split():
        pattern = like_pattern(word)
        in_party = exists(
            select(AgreementParty.id)
            .join(Party, Party.id == AgreementParty.party_id)
            .where(
                AgreementParty.agreement_id == Agreement.id,
                or_(
                    Party.name_key.like(pattern, escape="\\"),
                    func.lower(Party.acronym).like(pattern, escape="\\"),
                ),
            )
        )
        conditions.append(or_(Agreement.search_text.like(pattern, escape="\\"), in_party))
    return and_(*conditions) if conditions else None
