"""Demo meetings: the twelve events of the Unidad's Q2 2025 report, and nothing else.

Source: the Unidad's Q2 2025 report, as docs/demo-data.md gives it. Titles and descriptions use
the report's own words; parties are the seed parties and the reference municipalities; people
only where the report names them. The report gives no times, no addresses of its posts and no
commitments, so none are recorded; the only place it gives is the Palacio Municipal of the 23 May
security table. Folios follow the dates.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select

from registry.extensions import db
from registry.indicators.demo import seed_indicator
from registry.meetings.models import Meeting, MeetingKind
from registry.meetings.services import MeetingData, PersonData, create_meeting
from registry.parties.demo import municipality, seed_party
from registry.text import fold
from registry.topics.models import Topic

SANTA_LUCIA, XOXOCOTLAN, SAN_JACINTO = "20390", "20385", "20157"
ESTADO = "Gobierno del Estado de Oaxaca"
SOAPA = "Sistema Operador de los Servicios de Agua Potable"
PRESIDENTE = ("Ray Chagoya", "Presidente Municipal de Oaxaca de Juárez")

MESA_TITLE = "Mesa de Seguridad de la Coordinación Metropolitana"
#: The report's common paragraph on the three security tables.
MESA_PURPOSE = (
    "con la participación de autoridades federales, estatales y municipales. Con el objetivo de "
    "asegurar una ciudad con mayor vigilancia, presencia operativa y entornos más tranquilos "
    "para las vecinas y vecinos."
)

#: (folio, kind, dates, indicator, title, description, parties, topics, place, people).
#: Parties are seed-party names or CVEGEO codes.
SEED_MEETINGS = [
    (
        "REU-2025-001",
        MeetingKind.REUNION_TRABAJO,
        [date(2025, 4, 8)],
        "12",
        "Reunión de trabajo para el saneamiento de los ríos Atoyac y Salado",
        "Reunión de trabajo con el Secretario Técnico, la Secretaria de Medio Ambiente, "
        "Biodiversidad, Energías y Sostenibilidad; la titular del Instituto de Planeación para el "
        "Bienestar; los titulares de la Comisión Estatal del Agua y del Sistema Operador de los "
        "Servicios de Agua Potable; y, representantes de la Secretaría de Finanzas; todos del "
        "Gobierno del Estado; con la finalidad de coordinar acciones dar cumplimiento a "
        "la sentencia "
        "de amparo relacionada con el saneamiento de los ríos Atoyac y Salado, buscando una "
        "estrategia integral que contemple la planeación territorial, la sostenibilidad ambiental, "
        "la mejora de la infraestructura hídrica y la viabilidad financiera, promoviendo así una "
        "gobernanza efectiva, corresponsable y orientada al bienestar de la población y la "
        "recuperación de los ecosistemas fluviales.",
        [
            "Secretaría de Medio Ambiente, Biodiversidad, Energías y Sostenibilidad",
            "Instituto de Planeación para el Bienestar",
            "Comisión Estatal del Agua",
            SOAPA,
            "Secretaría de Finanzas",
        ],
        ["Medio ambiente", "Agua"],
        None,
        [],
    ),
    (
        "REU-2025-002",
        MeetingKind.REUNION_TRABAJO,
        [date(2025, 5, 8)],
        "12.2",
        "Reunión de trabajo con el Presidente Municipal de Santa Lucía del Camino",
        "Reunión de trabajo con el Presidente Municipal de Santa Lucía del Camino, con "
        "la finalidad "
        "de trabajar en manera conjunta y coordinada en temas que atañen a ambos municipios.",
        [SANTA_LUCIA],
        [],
        None,
        [],
    ),
    (
        "REU-2025-003",
        MeetingKind.MESA_SEGURIDAD,
        [date(2025, 5, 9)],
        "12.1",
        MESA_TITLE,
        f"{MESA_TITLE}, {MESA_PURPOSE} Se reforzó el Mando Coordinado Metropolitano, en "
        "coordinación con todas las corporaciones de seguridad municipales y estatales. En este "
        "encuentro participaron el Secretario de Gobierno, Jesús Romero López, y el Fiscal "
        "General del Estado, fortaleciendo la estrategia integral que atiende las causas de la "
        "violencia y actúa con determinación contra el crimen y la delincuencia.",
        [ESTADO, "Secretaría de Gobierno", "Fiscalía General del Estado de Oaxaca"],
        ["Seguridad"],
        None,
        [PRESIDENTE, ("Jesús Romero López", "Secretario de Gobierno", "Secretaría de Gobierno")],
    ),
    (
        "REU-2025-004",
        MeetingKind.REUNION_TRABAJO,
        [date(2025, 5, 12)],
        "12",
        "Reunión de trabajo sobre la gestión hídrica de los municipios conurbados",
        "Reunión de trabajo con el Sistema Operador de los Servicios de Agua Potable (SOAPA), así "
        "como con los Municipios de Santa Lucía del Camino y Santa Cruz Xoxocotlán, con la "
        "finalidad de fortalecer la coordinación en la gestión hídrica de los municipios "
        "conurbados.",
        [SOAPA, SANTA_LUCIA, XOXOCOTLAN],
        ["Agua"],
        None,
        [],
    ),
    (
        "REU-2025-005",
        MeetingKind.REUNION_TRABAJO,
        [date(2025, 5, 14)],
        "12.2",
        "Reunión con el Presidente Municipal de San Jacinto Amilpas sobre límites territoriales",
        "Reunión con el Presidente Municipal de San Jacinto Amilpas, en donde se abordaron los "
        "desafíos relacionados con los límites territoriales, especialmente en zonas como el "
        "fraccionamiento Los Sauces y las colonias Ejidal y Emiliano Zapata; buscando establecer "
        "acuerdos que reconozcan jurídicamente las zonas compartidas, lo que facilitaría la "
        "planeación urbana, la inversión económica y la prestación eficiente de "
        "servicios públicos.",
        [SAN_JACINTO],
        ["Límites territoriales"],
        None,
        [],
    ),
    (
        "REU-2025-006",
        MeetingKind.RECORRIDO,
        [date(2025, 5, 15), date(2025, 5, 22)],
        "12.2",
        "Recorridos en los límites de Oaxaca de Juárez y San Jacinto Amilpas",
        "Recorridos en los límites del Municipio de Oaxaca de Juárez y San Jacinto Amilpas, en sus "
        "zonas limítrofes con la finalidad de identificar y atender problemáticas ambientales que "
        "afectan a ambas demarcaciones. Durante estas inspecciones conjuntas, autoridades "
        "municipales detectaron puntos críticos de contaminación en cuerpos de agua, así como "
        "acumulación de residuos sólidos en áreas compartidas. De igual forma, se supervisó el uso "
        "indebido de escombros por empresas privadas para rellenar áreas aledañas al río Atoyac, "
        "con el fin de habilitar estacionamientos informales.",
        [SAN_JACINTO],
        ["Medio ambiente"],
        None,
        [],
    ),
    (
        "REU-2025-007",
        MeetingKind.MESA_SEGURIDAD,
        [date(2025, 5, 23)],
        "12.1",
        MESA_TITLE,
        f"En el Palacio Municipal, el presidente Ray Chagoya encabezó la {MESA_TITLE}, "
        f"{MESA_PURPOSE}",
        [ESTADO],
        ["Seguridad"],
        "Palacio Municipal",
        [PRESIDENTE],
    ),
    (
        "REU-2025-008",
        MeetingKind.REUNION_TRABAJO,
        [date(2025, 5, 23)],
        "12.2",
        "Reunión de trabajo con el Municipio de Santa Cruz Xoxocotlán sobre las zonas limítrofes",
        "Reunión de trabajo con el Municipio de Santa Cruz Xoxocotlán, con la finalidad de "
        "intercambiar de manera directa y colaborativa las necesidades, problemáticas y "
        "oportunidades existentes en las zonas limítrofes. Asimismo, se identificaron puntos "
        "críticos para coordinar acciones conjuntas, evitar duplicidades o vacíos de atención, y "
        "generar acuerdos que beneficien a las comunidades colindantes, construyendo de una visión "
        "metropolitana basada en la cooperación intermunicipal, el respeto mutuo y el desarrollo "
        "territorial equilibrado.",
        [XOXOCOTLAN],
        [],
        None,
        [],
    ),
    (
        "REU-2025-009",
        MeetingKind.REUNION_TRABAJO,
        [date(2025, 5, 27)],
        "12",
        "Reunión de trabajo con Santa Cruz Xoxocotlán y la Comisión de Límites",
        "Reunión de trabajo con el Municipio de Santa Cruz Xoxocotlán y la Comisión de Limites del "
        "Gobierno del Estado, con el objetivo de establecer y detallar los trabajos para "
        "determinar "
        "los límites territoriales y jurisdiccionales de los municipios y así poder generar "
        "condiciones de certeza para las autoridades y seguridad jurídica para la ciudadanía.",
        [XOXOCOTLAN, "Comisión de Límites del Gobierno del Estado"],
        ["Límites territoriales"],
        None,
        [],
    ),
    (
        "REU-2025-010",
        MeetingKind.MESA_SEGURIDAD,
        [date(2025, 5, 30)],
        "12.1",
        MESA_TITLE,
        f"{MESA_TITLE}, {MESA_PURPOSE} Encabezados por el presidente municipal Ray Chagoya, se "
        "llevó a cabo un nuevo encuentro del Mando Coordinado y Metropolitano, donde autoridades "
        "de los tres niveles de gobierno evaluaron y fortalecieron las estrategias de seguridad "
        "en nuestra ciudad.",
        [ESTADO],
        ["Seguridad"],
        None,
        [PRESIDENTE],
    ),
    (
        "REU-2025-011",
        MeetingKind.MANDO_COORDINADO,
        [date(2025, 6, 12)],
        "12.1",
        "Sesión de Mando Coordinado",
        "Sesión de Mando Coordinado, junto con representantes del Gobierno del Estado de Oaxaca, "
        "corporaciones de seguridad y Municipios conurbados (Oaxaca de Juárez, Santa Lucía del "
        "Camino y Santa Cruz Xoxocotlán); con la finalidad de fortalecer las estrategias de "
        "prevención y vigilancia en dichos Municipios.",
        [ESTADO, SANTA_LUCIA, XOXOCOTLAN],
        ["Seguridad"],
        None,
        [PRESIDENTE],
    ),
    (
        "REU-2025-012",
        MeetingKind.REUNION_TRABAJO,
        [date(2025, 6, 23)],
        "12",
        "Reunión de trabajo con San Jacinto Amilpas para escuchar a habitantes del "
        "rancho San Rafael",
        "Reunión de trabajo con el Municipio de San Jacinto Amilpas, áreas del Municipio de Oaxaca "
        "de Juárez (Consejería jurídica y alcaldía) y representantes del Gobierno del Estado; para "
        "escuchar a habitantes del rancho San Rafael.",
        [SAN_JACINTO, ESTADO],
        [],
        None,
        [],
    ),
]


def load() -> str:
    """Create the seed meetings that are missing (by folio)."""
    existing = set(db.session.scalars(select(Meeting.folio)))
    added = 0
    for row in SEED_MEETINGS:
        if row[0] not in existing:
            _create(*row)
            added += 1
    kept = len(SEED_MEETINGS) - added
    return f"Reuniones del 2.º trimestre de 2025: {added} nuevas, {kept} ya estaban."


def _create(folio, kind, dates, indicator, title, description, parties, topics, place, people):
    data = MeetingData(
        kind=kind,
        title=title,
        dates=dates,
        place=place,
        description=description,
        parties=[_party(name) for name in parties],
        topics=[_topic(name) for name in topics],
        people=[_person(*person) for person in people],
        indicator=seed_indicator(indicator),
    )
    create_meeting(data, folio=folio)


def _party(name_or_cvegeo: str):
    return municipality(name_or_cvegeo) if name_or_cvegeo.isdigit() else seed_party(name_or_cvegeo)


def _topic(name: str) -> Topic:
    topic = db.session.scalar(select(Topic).where(Topic.name_key == fold(name)))
    if topic is None:
        raise LookupError(f"el tema {name!r} no está en la lista inicial")
    return topic


def _person(name: str, post: str, party: str | None = None) -> PersonData:
    return PersonData(name=name, post=post, party=seed_party(party) if party else None)
