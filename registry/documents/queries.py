"""The documents of every agreement, filtered: the documents list."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import selectinload

from registry.agreements.models import Agreement
from registry.agreements.queries import period_bounds
from registry.agreements.search import text_condition
from registry.documents.models import Document, DocumentKind
from registry.text import like_pattern


@dataclass
class DocumentFilters:
    kind: DocumentKind | None = None
    date_from: date | None = None
    date_to: date | None = None
    year: int | None = None
    quarter: int | None = None
    text: str | None = None


def document_list(filters: DocumentFilters) -> Select:
    """Documents of visible agreements, newest first, with their agreement and file loaded."""
    query = (
        select(Document)
        .join(Document.agreement)
        .where(Document.deleted_at.is_(None), Agreement.deleted_at.is_(None))
    )
    if filters.kind:
        query = query.where(Document.kind == filters.kind)
    if filters.date_from:
        query = query.where(Document.issued_on >= filters.date_from)
    if filters.date_to:
        query = query.where(Document.issued_on <= filters.date_to)
    period = period_bounds(filters.year, filters.quarter)
    if period:
        query = query.where(Document.issued_on.between(*period))
    if filters.text:
        # numbers and issuers are compared lower-cased (they are typed as on the paper); the
        # agreement's own text and parties through the accent-insensitive search
        pattern = like_pattern(filters.text)
        query = query.where(
            or_(
                func.lower(Document.number).like(pattern, escape="\\"),
                func.lower(Document.issuer).like(pattern, escape="\\"),
                text_condition(filters.text),
            )
        )
    return query.order_by(Document.issued_on.desc().nulls_last(), Document.id.desc()).options(
        selectinload(Document.agreement), selectinload(Document.file)
    )
