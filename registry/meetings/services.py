"""Recording meetings: create, update and delete, shared by the pages, the CLI and the importer.

Every function changes the session's objects, writes its audit event and flushes; the caller
(a view or a command) commits once. Refusals are ``DomainError`` naming the form field.
Evidence: uploaded photos and scans go through ``store_upload`` (PDF, JPEG or PNG by content,
size-limited), exactly as an agreement's documents do; links must be absolute http(s) URLs;
removing one moves it to the recycle bin (the stored file stays). Commitments are
``registry.commitments``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from typing import Any, Literal
from urllib.parse import urlsplit

from flask_babel import gettext as _
from sqlalchemy import inspect, select
from werkzeug.datastructures import FileStorage

from registry.agreements.models import Agreement
from registry.areas.models import Area
from registry.audit import services as audit
from registry.dates import today_local
from registry.errors import DomainError, EditConflict, version_checked
from registry.extensions import db
from registry.files.services import store_upload
from registry.folios import folio_problem, next_folio
from registry.indicators.models import Indicator, IndicatorSource
from registry.meetings.models import (
    Evidence,
    EvidenceKind,
    Meeting,
    MeetingDate,
    MeetingKind,
    MeetingPerson,
    MeetingState,
)
from registry.models_base import utcnow
from registry.parties.models import Party
from registry.recycle.services import move_to_bin
from registry.text import fold
from registry.topics.models import Topic

FOLIO_PREFIX = "REU"
#: A meeting spanning more days than this is almost certainly a typo in a date.
MAX_DATES = 60

#: ``MeetingData.indicator`` value meaning "the default indicator of the meeting's kind".
DEFAULT_INDICATOR: Literal["default"] = "default"

MAX_URL_LENGTH = 500
FILE_KINDS = (EvidenceKind.FOTO, EvidenceKind.LISTA_ASISTENCIA, EvidenceKind.DOCUMENTO)

MEETING_FIELDS = [
    "folio",
    "kind",
    "title",
    "state",
    "cancellation_reason",
    "first_date",
    "start_time",
    "place",
    "description",
]


@dataclass
class PersonData:
    """A named participant as entered: name, post, and optionally their party."""

    name: str
    post: str | None = None
    party: Party | None = None


@dataclass
class MeetingData:
    """Everything a meeting form (or a spreadsheet row) says about a meeting."""

    kind: MeetingKind
    title: str
    dates: list[date]
    start_time: time | None = None
    place: str | None = None
    description: str | None = None
    parties: list[Party] = field(default_factory=list)
    #: Our own areas that took part (never parties).
    areas: list[Area] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    agreements: list[Agreement] = field(default_factory=list)
    people: list[PersonData] = field(default_factory=list)
    #: An indicator, None (counts for none), or ``DEFAULT_INDICATOR``.
    indicator: Indicator | Literal["default"] | None = DEFAULT_INDICATOR
    #: None: from its dates (``state_from_dates``); cancelada needs ``cancellation_reason``.
    state: MeetingState | None = None
    cancellation_reason: str | None = None


def default_indicator(kind: MeetingKind | str) -> Indicator | None:
    """The active meetings indicator whose ``meeting_kinds`` lists ``kind`` (lowest code first)."""
    candidates = db.session.scalars(
        select(Indicator)
        .where(Indicator.active.is_(True), Indicator.source == IndicatorSource.MEETINGS)
        .order_by(Indicator.code)
    )
    return next((i for i in candidates if str(kind) in (i.meeting_kinds or [])), None)


def state_from_dates(dates: list[date], today: date) -> MeetingState:
    """A meeting whose dates are all after today is programada; otherwise it was held."""
    return MeetingState.PROGRAMADA if min(dates) > today else MeetingState.REALIZADA


def check_state(
    state: MeetingState, dates: list[date], reason: str | None, today: date
) -> str | None:
    """The state's rules; the reason kept (only a cancellation has one). DomainError if not.

    realizada: at least one of its dates is today or earlier; cancelada: a written reason.
    A programada meeting may have past dates: it waits for someone to confirm or cancel it.
    """
    reason = (reason or "").strip() or None
    if state == MeetingState.REALIZADA and min(dates) > today:
        raise DomainError(
            _("Una reunión con todas sus fechas por venir no puede estar realizada."), "state"
        )
    if state == MeetingState.CANCELADA:
        if not reason:
            raise DomainError(_("Escriba el motivo de la cancelación."), "cancellation_reason")
        return reason
    return None


def create_meeting(
    data: MeetingData, user=None, folio: str | None = None, today: date | None = None
) -> Meeting:
    """A new meeting; its folio is the next REU-<year of its first date>-NNN unless given."""
    dates = clean_dates(data.dates)
    today = today or today_local()
    if folio:
        folio = folio.strip().upper()
        if problem := folio_problem(folio):
            raise DomainError(problem, "folio")
        taken = db.session.execute(select(Meeting.deleted_at).where(Meeting.folio == folio))
        if (row := taken.first()) is not None:
            raise DomainError(
                _("El folio %(folio)s es de una reunión que está en la papelera.", folio=folio)
                if row.deleted_at is not None
                else _("Ya existe una reunión con el folio %(folio)s.", folio=folio)
            )
    meeting = Meeting(
        folio=folio or next_folio(Meeting.folio, FOLIO_PREFIX, dates[0].year),
        created_by_id=user.id if user is not None else None,
    )
    _apply(meeting, data, dates, today)
    db.session.add(meeting)
    db.session.flush()
    audit.record("create", "meeting", meeting.id, after=meeting_snapshot(meeting), user=user)
    return meeting


def update_meeting(
    meeting: Meeting,
    data: MeetingData,
    user=None,
    expected_version: int | None = None,
    today: date | None = None,
) -> Meeting:
    """Change a meeting; refused if someone else saved it since ``expected_version`` was read."""
    if expected_version is not None and expected_version != meeting.version:
        raise EditConflict()
    dates = clean_dates(data.dates)
    before = meeting_snapshot(meeting)
    with db.session.no_autoflush:
        _apply(meeting, data, dates, today or today_local())
        old, new = audit.changes(before, meeting_snapshot(meeting))
    if new:
        meeting.updated_at = utcnow()  # a new version even when only its lists changed
    with version_checked():
        db.session.flush()
    if new:
        audit.record("update", "meeting", meeting.id, before=old, after=new, user=user)
    return meeting


def set_state(
    meeting: Meeting,
    state: MeetingState | str,
    reason: str | None = None,
    user=None,
    today: date | None = None,
) -> None:
    """Confirm that a meeting was held, cancel it (with a reason) or schedule it again."""
    state = MeetingState(state)
    days = [row.day for row in meeting.dates] or [meeting.first_date]
    reason = check_state(state, days, reason, today or today_local())
    before = meeting_snapshot(meeting)
    meeting.state, meeting.cancellation_reason = state, reason
    old, new = audit.changes(before, meeting_snapshot(meeting))
    if new:
        meeting.updated_at = utcnow()
        with version_checked():
            db.session.flush()
        audit.record("update", "meeting", meeting.id, before=old, after=new, user=user)


def delete_meeting(meeting: Meeting, user=None, reason: str | None = None) -> None:
    """Move a meeting to the recycle bin (a reason is required): hidden everywhere, commitments
    and evidence included, until an admin restores it."""
    move_to_bin(meeting, reason, user=user)


# Evidence ----------------------------------------------------------------------------------------


def add_file_evidence(
    meeting: Meeting,
    upload: FileStorage | None,
    kind: EvidenceKind,
    title: str | None = None,
    user=None,
) -> Evidence:
    """Store an uploaded photo, attendance list or scan as evidence of ``meeting``."""
    if EvidenceKind(kind) not in FILE_KINDS:
        raise DomainError(_("Elija qué es el archivo: fotografía, lista o documento."), "kind")
    if upload is None or not upload.filename:
        raise DomainError(_("Elija el archivo que desea subir."), "file")
    stored = store_upload(upload, field="file")
    evidence = Evidence(kind=EvidenceKind(kind), title=_short_text(title), file=stored)
    meeting.evidence.append(evidence)
    audit.record_create(evidence, user=user)
    return evidence


def add_link_evidence(meeting: Meeting, url: str, title: str | None = None, user=None) -> Evidence:
    """Link a social-media post (or any web page) as evidence of ``meeting``."""
    evidence = Evidence(kind=EvidenceKind.ENLACE, url=check_url(url), title=_short_text(title))
    meeting.evidence.append(evidence)
    audit.record_create(evidence, user=user)
    return evidence


def remove_evidence(evidence: Evidence, user=None, reason: str | None = None) -> None:
    """Move a piece of evidence to the recycle bin (hidden from the meeting)."""
    move_to_bin(evidence, reason, user=user)


def check_url(url: str | None) -> str:
    """``url`` stripped, if it is an absolute http(s) address; DomainError otherwise."""
    url = (url or "").strip()
    try:
        parts = urlsplit(url)
        valid = parts.scheme.lower() in ("http", "https") and bool(parts.hostname)
    except ValueError:  # e.g. an unclosed IPv6 bracket
        valid = False
    if not valid or any(char.isspace() for char in url):
        raise DomainError(
            _("Escriba una dirección completa que empiece con https:// (o http://)."), "url"
        )
    if len(url) > MAX_URL_LENGTH:
        raise DomainError(_("La dirección es demasiado larga."), "url")
    return url


def _short_text(value: str | None) -> str | None:
    return (value or "").strip()[:300] or None


# Helpers -----------------------------------------------------------------------------------------


def clean_dates(dates: list[date]) -> list[date]:
    """The distinct dates, sorted; refuses none or an implausible number of them."""
    days = sorted(set(dates))
    if not days:
        raise DomainError(_("Indique al menos una fecha."), "start_date")
    if len(days) > MAX_DATES:
        raise DomainError(
            _("Una reunión no puede tener más de %(n)d fechas; revise las fechas.", n=MAX_DATES),
            "start_date",
        )
    return days


def _apply(meeting: Meeting, data: MeetingData, dates: list[date], today: date) -> None:
    title = (data.title or "").strip()
    if not title:
        raise DomainError(_("Escriba el título de la reunión."), "title")
    if any(party.is_self for party in data.parties):
        raise DomainError(_("Oaxaca de Juárez no es una contraparte."), "parties")
    state = MeetingState(data.state) if data.state else _kept_state(meeting, dates, today)
    reason = data.cancellation_reason
    if not data.state and state == MeetingState.CANCELADA:
        reason = reason or meeting.cancellation_reason
    meeting.cancellation_reason = check_state(state, dates, reason, today)
    meeting.state = state
    meeting.kind = MeetingKind(data.kind)
    meeting.title = title
    meeting.start_time = data.start_time
    meeting.place = _blank_to_none(data.place)
    meeting.description = _blank_to_none(data.description)
    meeting.parties = _unique(data.parties)
    meeting.areas = _unique(data.areas)
    meeting.topics = _unique(data.topics)
    # links to agreements in the recycle bin are not offered on the form: keep them for a restore
    in_bin = [agreement for agreement in meeting.agreements if agreement.deleted_at is not None]
    meeting.agreements = _unique([*data.agreements, *in_bin])
    if data.indicator == DEFAULT_INDICATOR:
        meeting.indicator = default_indicator(meeting.kind)
    elif data.indicator is None or data.indicator.source == IndicatorSource.MEETINGS:
        meeting.indicator = data.indicator
    else:
        raise DomainError(_("Ese indicador no cuenta reuniones."), "indicator")
    _set_dates(meeting, dates)
    _set_people(meeting, data.people)
    meeting.search_key = search_key(meeting)


def _kept_state(meeting: Meeting, dates: list[date], today: date) -> MeetingState:
    """No state given: a new meeting's comes from its dates; an existing one keeps its own
    (a cancellation keeps its reason), unless its new dates make it impossible."""
    derived = state_from_dates(dates, today)
    if not inspect(meeting).has_identity:  # a new meeting, not flushed yet: no state of its own
        return derived
    if meeting.state == MeetingState.REALIZADA and derived == MeetingState.PROGRAMADA:
        return derived
    return meeting.state


def _set_dates(meeting: Meeting, dates: list[date]) -> None:
    """Keep the rows of dates that stay (the unique (meeting, day) pair forbids re-inserting)."""
    wanted = set(dates)
    meeting.dates = [row for row in meeting.dates if row.day in wanted]
    kept = {row.day for row in meeting.dates}
    meeting.dates.extend(MeetingDate(day=day) for day in dates if day not in kept)
    meeting.dates.sort(key=lambda row: row.day)
    meeting.first_date = dates[0]


def _set_people(meeting: Meeting, people: list[PersonData]) -> None:
    """Replace the participants, unless the list is unchanged (no needless row churn)."""
    wanted = [
        (person.name.strip(), _blank_to_none(person.post), person.party)
        for person in people
        if (person.name or "").strip()
    ]
    current = [(p.name, p.post, p.party_id) for p in meeting.people]
    if current != [(name, post, party.id if party else None) for name, post, party in wanted]:
        meeting.people = [
            MeetingPerson(name=name, post=post, party=party) for name, post, party in wanted
        ]


def search_key(meeting: Meeting) -> str:
    """What text search compares: folio, title, place, description and people, folded."""
    people = " ".join(f"{p.name} {p.post or ''}" for p in meeting.people)
    parts = (meeting.folio, meeting.title, meeting.place, meeting.description, people)
    return fold(" ".join(part for part in parts if part))


def meeting_snapshot(meeting: Meeting) -> dict[str, Any]:
    """The audit view of a meeting: its columns and who/what it names."""
    values = audit.snapshot(meeting, MEETING_FIELDS)
    values.update(
        dates=[row.day.isoformat() for row in meeting.dates],
        indicator=meeting.indicator.code if meeting.indicator else None,
        parties=sorted(party.name for party in meeting.parties),
        areas=sorted(area.name for area in meeting.areas),
        topics=sorted(topic.name for topic in meeting.topics),
        agreements=sorted(agreement.folio for agreement in meeting.agreements),
        people=[f"{p.name} ({p.post})" if p.post else p.name for p in meeting.people],
    )
    return values


def _unique(items: list) -> list:
    """``items`` without repeats (by id), in their order."""
    return list({item.id: item for item in items}.values())


def _blank_to_none(value: str | None) -> str | None:
    value = (value or "").strip()
    return value or None
