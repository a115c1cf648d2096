"""Demo agreements: the three hermanamientos of the Jefatura's Q2 2025 report (docs/demo-data.md).

Only what the report documents: Cozumel's Acuerdo de Ratificación (dated by the report only to
the quarter), Ensenada's letter of intent (oficio OPM/EXT/0064/2025, 29 April 2025) and Los
Cabos' letter (oficio PM/491/2025, 25 April 2025) with the Cabildo agreement and the feasibility
study it cites. Validity, signatories and roles are left empty: the report does not give them.
The report's "12 alianzas" are not named there, so none is invented.
"""

from __future__ import annotations

from datetime import date
from typing import TypedDict

from sqlalchemy import select

from registry.agreements.models import Agreement, AgreementKind
from registry.agreements.services import AgreementData, PartyEntry, create_agreement
from registry.agreements.status import Status
from registry.dates import DatePrecision
from registry.documents.models import DocumentKind
from registry.documents.services import DocumentData, add_document
from registry.extensions import db
from registry.parties.demo import municipality
from registry.topics.services import find_topic

#: Author of the report that documents these agreements.
RESPONSIBLE_UNIT = "Jefatura de la Oficina de la Presidencia"

RATIFICATION_NOTE = "El informe lo sitúa en el 2.º trimestre de 2025 sin indicar el día."


class SeedAgreement(TypedDict):
    folio: str
    cvegeo: str  # the counterpart municipality
    title: str
    objective: str
    topics: list[str]
    documents: list[DocumentData]  # the last one is cited by the status
    #: (status, date of its act, note, how precise that date is)
    status: tuple[Status, date, str | None, DatePrecision]


#: Each hermanamiento as the report documents it; its last document is the one of its status act.
SEED_AGREEMENTS: list[SeedAgreement] = [
    {
        "folio": "HER-2025-001",
        "cvegeo": "23001",
        "title": "Hermanamiento Oaxaca de Juárez – Cozumel",
        "objective": (
            "Ratificar el hermanamiento entre el Municipio de Oaxaca de Juárez y el Municipio de "
            "Cozumel, Quintana Roo, para fomentar la cooperación bilateral, para intensificar los "
            "esfuerzos comunes y para promover el intercambio de experiencias y la ejecución de "
            "actividades en común, que contribuyan con el desarrollo de ambas Partes."
        ),
        "topics": ["Desarrollo económico", "Turismo", "Cultura", "Educación", "Artesanías"],
        "documents": [
            DocumentData(
                kind=DocumentKind.ACUERDO_RATIFICACION,
                title=(
                    "Acuerdo de Ratificación de Hermanamiento entre el Municipio de Oaxaca de "
                    "Juárez, del Estado de Oaxaca, y la Ciudad de Cozumel, del Estado de Quintana "
                    "Roo"
                ),
                notes="El informe del 2.º trimestre de 2025 no indica la fecha del documento.",
            ),
        ],
        # The report shows the ratification alone (no earlier letter), dated only to the quarter:
        # a date of quarter precision (stored as the quarter's first day, shown as the quarter).
        "status": (Status.RATIFICADO, date(2025, 4, 1), RATIFICATION_NOTE, DatePrecision.QUARTER),
    },
    {
        "folio": "HER-2025-002",
        "cvegeo": "02001",
        "title": "Hermanamiento Oaxaca de Juárez – Ensenada",
        "objective": (
            "Hermanamiento que fomente la cooperación en diversos ámbitos de interés común: "
            "turismo; cultura y educación; desarrollo económico; gestión pública y urbana."
        ),
        "topics": [
            "Turismo",
            "Cultura",
            "Educación",
            "Desarrollo económico",
            "Gestión pública",
            "Gestión urbana",
        ],
        "documents": [
            DocumentData(
                kind=DocumentKind.CARTA_INTENCION,
                number="OPM/EXT/0064/2025",
                title="Carta de intención de hermanamiento entre Ensenada y Oaxaca de Juárez",
                issued_on=date(2025, 4, 29),
                issuer="Oficina de la Presidencia, Ensenada, Baja California",
            ),
        ],
        "status": (Status.INTENCION, date(2025, 4, 29), None, DatePrecision.DAY),
    },
    {
        "folio": "HER-2025-003",
        "cvegeo": "03008",
        "title": "Hermanamiento Oaxaca de Juárez – Los Cabos",
        "objective": (
            "Retomar el proceso de hermanamiento entre Los Cabos, Baja California Sur, y Oaxaca "
            "de Juárez, Oaxaca."
        ),
        "topics": ["Turismo", "Cultura", "Desarrollo económico"],
        "documents": [
            DocumentData(
                kind=DocumentKind.ACTA_CABILDO,
                number="Acuerdo de Cabildo 324, acta 78",
                title="Aprobación del hermanamiento por el Cabildo de Los Cabos",
                issued_on=date(2024, 3, 13),
                issuer="H. Ayuntamiento de Los Cabos",
            ),
            DocumentData(
                kind=DocumentKind.DICTAMEN,
                number="Acta 04 de la sesión ordinaria",
                title="Estudio de factibilidad aprobado por el comité de ciudades hermanas",
                issued_on=date(2024, 8, 29),
                issuer="Comité de Ciudades Hermanas de Los Cabos",
            ),
            DocumentData(
                kind=DocumentKind.CARTA_INTENCION,
                number="PM/491/2025",
                title=(
                    "Retomar proceso de hermanamiento entre Los Cabos, Baja California Sur y "
                    "Oaxaca de Juárez, Oaxaca"
                ),
                issued_on=date(2025, 4, 25),
                issuer="Presidencia Municipal, H. XV Ayuntamiento de Los Cabos",
            ),
        ],
        "status": (Status.INTENCION, date(2025, 4, 25), None, DatePrecision.DAY),
    },
]


def _topics(names: list[str]):
    topics = [find_topic(name) for name in names]
    missing = [name for name, topic in zip(names, topics, strict=True) if topic is None]
    if missing:
        raise LookupError(f"faltan temas en la lista: {', '.join(missing)}")
    return topics


def _load_one(seed: SeedAgreement) -> None:
    status, acted_on, note, precision = seed["status"]
    *others, first = seed["documents"]
    data = AgreementData(
        kind=AgreementKind.HERMANAMIENTO,
        folio=seed["folio"],
        title=seed["title"],
        objective=seed["objective"],
        topics=_topics(seed["topics"]),
        parties=[PartyEntry(municipality(seed["cvegeo"]))],
        responsible_unit=RESPONSIBLE_UNIT,
    )
    agreement = create_agreement(
        data,
        status=status,
        acted_on=acted_on,
        precision=precision,
        note=note,
        first_document=(first, None),
    )
    for document in others:
        add_document(agreement, document)


def load() -> str:
    existing = set(db.session.scalars(select(Agreement.folio)))
    added = [seed["folio"] for seed in SEED_AGREEMENTS if seed["folio"] not in existing]
    for seed in SEED_AGREEMENTS:
        if seed["folio"] in added:
            _load_one(seed)
    db.session.flush()
    return (
        f"Hermanamientos del informe (Cozumel, Ensenada, Los Cabos): {len(added)} nuevos, "
        f"{len(SEED_AGREEMENTS) - len(added)} ya estaban."
    )
