"""Records for tests of any domain, made through the real services (so they obey the rules).

    from tests.factories import make_agreement, make_party, municipality, topic
    agreement = make_agreement(parties=[municipality("20385")], status="firmado",
                               acted_on=date(2025, 5, 9))

Each helper flushes and commits, so a request made afterwards (in its own session) sees it.
"""

from __future__ import annotations

import itertools
from datetime import date

from sqlalchemy import select

from registry.agreements import services
from registry.agreements.models import Agreement, AgreementKind
from registry.agreements.status import Status
from registry.documents.models import Document, DocumentKind
from registry.documents.services import DocumentData, add_document
from registry.extensions import db
from registry.parties.models import Party, PartyKind
from registry.text import fold
from registry.topics.models import Topic

_numbers = itertools.count(1)
#: ``make_meeting``'s "not told": the meeting gets its kind's default indicator, as the form.
DEFAULT_INDICATOR_MARK = object()

#: Reference municipalities every test database holds (geo/municipios_referencia.csv).
SANTA_CRUZ_XOXOCOTLAN = "20385"
SAN_JACINTO_AMILPAS = "20157"
COZUMEL = "23001"
ENSENADA = "02001"
#: In the ZMO under the 2020 delimitation only.
CUILAPAM = "20023"


def municipality(cvegeo: str) -> Party:
    party = db.session.scalar(select(Party).where(Party.cvegeo == cvegeo))
    assert party is not None, f"el municipio {cvegeo} no está en los datos de referencia"
    return party


def make_party(name: str | None = None, kind: PartyKind = PartyKind.ESTATAL, **fields) -> Party:
    """A new non-municipal party (a state body unless told otherwise)."""
    party = Party(kind=kind, name=name or f"Dependencia de prueba {next(_numbers)}", **fields)
    db.session.add(party)
    db.session.commit()
    return party


def topic(name: str) -> Topic:
    """A topic of the initial list (or a new one), by name, ignoring case and accents."""
    found = db.session.scalar(select(Topic).where(Topic.name_key == fold(name)))
    if found is None:
        found = Topic(name=name)
        db.session.add(found)
        db.session.flush()
    return found


def make_agreement(
    *,
    title: str | None = None,
    kind: AgreementKind | str = AgreementKind.CONVENIO,
    parties: list[Party] | None = None,
    topics: list[str] = (),
    status: Status | str = Status.INTENCION,
    acted_on: date = date(2025, 4, 10),
    folio: str | None = None,
    user=None,
    commit: bool = True,
    **fields,
) -> Agreement:
    """An agreement created as the pages create it: first status in its history, audit event."""
    data = services.AgreementData(
        kind=AgreementKind(kind),
        title=title or f"Convenio de prueba {next(_numbers)}",
        parties=[services.PartyEntry(p) for p in (parties or [municipality(SAN_JACINTO_AMILPAS)])],
        folio=folio,
        topics=[topic(name) for name in topics],
        **fields,
    )
    agreement = services.create_agreement(data, status=Status(status), acted_on=acted_on, user=user)
    if commit:
        db.session.commit()
    return agreement


def make_document(
    agreement: Agreement,
    kind: DocumentKind | str = DocumentKind.OFICIO,
    number: str | None = None,
    issued_on: date | None = date(2025, 4, 10),
    **fields,
) -> Document:
    if not (number or fields.get("title") or fields.get("issuer")):
        number = f"OF-PRUEBA-{next(_numbers)}"  # a document says what it is (issue 15)
    document = add_document(
        agreement,
        DocumentData(kind=DocumentKind(kind), number=number, issued_on=issued_on, **fields),
    )
    db.session.commit()
    return document


def move(
    agreement: Agreement,
    status: Status | str,
    acted_on: date,
    *,
    reason: str | None = None,
    signed: list[Party] | None = None,
    precision: str = "day",
    user=None,
    commit: bool = True,
):
    """A move of the lifecycle through the service, as the status form makes it (``user`` None:
    the command line, with an administrator's rights, so corrections are allowed with a
    reason). ``signed``: the parties ticked as signing on that date."""
    change = services.change_status(
        agreement,
        Status(status),
        acted_on,
        user,
        reason=reason,
        signed_party_ids={party.id for party in signed} if signed is not None else None,
        precision=precision,
    )
    if commit:
        db.session.commit()
    return change


def correct(agreement: Agreement, status: Status | str, acted_on: date, reason: str = "Error"):
    """An administrator's correction back to an earlier status (or a reopening), with reason."""
    return move(agreement, status, acted_on, reason=reason)


def trash(record, reason: str = "Registro duplicado") -> None:
    """Move an agreement or a meeting to the recycle bin, as the delete pages do."""
    from registry.recycle.services import move_to_bin

    move_to_bin(record, reason)
    db.session.commit()


def make_meeting(
    days: list[date] | date,
    *,
    parties: list[Party] | None = None,
    kind: str = "reunion_trabajo",
    indicator=DEFAULT_INDICATOR_MARK,
    areas=(),
    state: str | None = None,
    reason: str | None = None,
    folio: str | None = None,
    title: str | None = None,
    today: date | None = None,
):
    """A meeting recorded through the meetings service, as the form records it (``today``:
    the day it is recorded, which decides a new meeting's state when none is given)."""
    from registry.meetings.models import MeetingKind, MeetingState
    from registry.meetings.services import MeetingData, create_meeting

    data = MeetingData(
        kind=MeetingKind(kind),
        title=title or f"Reunión de prueba {next(_numbers)}",
        dates=list(days) if isinstance(days, list) else [days],
        parties=list(parties or []),
        areas=list(areas),
        state=MeetingState(state) if state else None,
        cancellation_reason=reason,
    )
    if indicator is not DEFAULT_INDICATOR_MARK:
        data.indicator = indicator
    meeting = create_meeting(data, folio=folio, today=today)
    db.session.commit()
    return meeting


def make_area(name: str | None = None, kind: str = "secretaria"):
    """One of the municipality's own areas, through its service."""
    from registry.areas.models import AreaKind
    from registry.areas.services import AreaData, create_area

    area = create_area(
        AreaData(name=name or f"Secretaría de prueba {next(_numbers)}", kind=AreaKind(kind))
    )
    db.session.commit()
    return area
