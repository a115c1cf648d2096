"""The ``Reuniones`` sheet: each row read and checked cell by cell.

Links are checked with the evidence service's own ``check_url`` and the dates with the meetings
service's ``clean_dates``, so the sheet accepts exactly what the meeting forms accept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from registry.errors import DomainError
from registry.imports.agreement_rows import TITLE_MAX, lookup, read_folio
from registry.imports.catalog import Catalog
from registry.imports.cells import CellError, RowReader, to_date
from registry.imports.cells import items as cell_items
from registry.imports.reader import Sheet
from registry.imports.results import Issue
from registry.imports.spec import MEETINGS
from registry.indicators.models import Indicator
from registry.meetings.models import Meeting, MeetingKind, MeetingState
from registry.meetings.services import check_url, clean_dates
from registry.parties.models import Party
from registry.topics.models import Topic

PLACE_MAX = 300


@dataclass
class MeetingRow:
    number: int
    folio: str
    kind: MeetingKind
    title: str
    dates: list[date]
    indicator: Indicator | None
    #: None: a new meeting's from its dates, an existing one's kept.
    state: MeetingState | None = None
    cancellation_reason: str | None = None
    parties: list[Party] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    place: str | None = None
    description: str | None = None
    commitments: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)


def parse_meetings(
    sheet: Sheet, catalog: Catalog, existing: dict[str, Meeting], issues: list[Issue]
) -> list[MeetingRow]:
    """The rows that can be applied; an issue for every cell that cannot."""
    first_rows: dict[str, int] = {}
    parsed = []
    for row in sheet.rows:
        reader = RowReader(MEETINGS, row.number, row.values, issues)
        folio, meeting = read_folio(reader, first_rows, existing)
        result = _parse(reader, folio, catalog, meeting)
        if result is not None:
            parsed.append(result)
    return parsed


def _parse(
    reader: RowReader, folio, catalog: Catalog, meeting: Meeting | None
) -> MeetingRow | None:
    """The row, or None when a cell cannot be read (each such cell has its issue)."""
    kind = reader.code("tipo", MeetingKind)
    parties = lookup(
        reader,
        "participantes",
        catalog.parties,
        frozenset(p.id for p in meeting.parties) if meeting else frozenset(),
    )
    topics = lookup(
        reader,
        "temas",
        catalog.topics_named,
        frozenset(t.id for t in meeting.topics) if meeting else frozenset(),
    )
    indicator = None
    if kind is not None:
        try:
            indicator = catalog.indicator(
                reader.text("indicador"), kind, meeting.indicator_id if meeting else None
            )
        except CellError as error:
            reader.error("indicador", str(error))
    title = reader.text("titulo", required=True, max_length=TITLE_MAX)
    dates = _dates(reader)
    state = reader.code("estado", MeetingState, required=False)
    cancellation_reason = reader.text("motivo")
    place = reader.text("lugar", max_length=PLACE_MAX)
    description = reader.text("descripcion")
    commitments = reader.items("acuerdos")
    links = _links(reader)
    if reader.failed or kind is None or parties is None or topics is None:
        return None
    return MeetingRow(
        number=reader.number,
        folio=folio,
        kind=kind,
        title=title,
        dates=dates,
        indicator=indicator,
        state=state,
        cancellation_reason=cancellation_reason,
        parties=parties,
        topics=topics,
        place=place,
        description=description,
        commitments=commitments,
        links=links,
    )


def _dates(reader: RowReader) -> list[date]:
    """One Excel date, or ISO dates separated by ``;``; every bad one named."""
    value = reader.values.get("fechas")
    parts = cell_items(value) if isinstance(value, str) else [value]
    days, problems = [], []
    for part in parts:
        try:
            day = to_date(part)
        except CellError as error:
            problems.append(str(error))
            continue
        if day is not None:
            days.append(day)
    try:
        if problems:
            raise DomainError(" ".join(problems))
        return clean_dates(days)
    except DomainError as error:
        reader.error("fechas", error.message)
        return []


def _links(reader: RowReader) -> list[str]:
    links, problems = [], []
    for link in reader.items("evidencia"):
        try:
            links.append(check_url(link))
        except DomainError as error:
            problems.append(f"«{link}»: {error.message}")
    if problems:
        reader.error("evidencia", " ".join(problems))
    return links
