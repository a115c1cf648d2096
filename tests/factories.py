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
