"""The quarterly report in Spanish prose, as the Unidad writes it by hand.

"El día 8 de abril, se realizó una reunión de trabajo con la Comisión Estatal del Agua…",
"Los días 15 y 22 de mayo, se llevó a cabo un recorrido con el Municipio de San Jacinto
Amilpas." Sentences are built from the records (dates, kind, parties, place, description); the
DOCX export lays them out. Nothing here invents facts: what a record lacks is left out.
"""

from __future__ import annotations

from datetime import date
from itertools import groupby

from flask_babel import format_date, format_decimal
from flask_babel import gettext as _

from registry.agreements.models import Agreement, AgreementKind
from registry.agreements.queries import signatures
from registry.agreements.status import Status
from registry.filters import fecha, fecha_precisa, trimestre
from registry.i18n import lazy_gettext as _l
from registry.meetings.models import Meeting, MeetingKind
from registry.parties.models import Party, PartyKind
from registry.reports.queries import status_on
from registry.text import fold

#: First words of body names whose article we know; any other name goes without one.
FEMININE = frozenset(
    {
        "secretaria",
        "subsecretaria",
        "comision",
        "fiscalia",
        "coordinacion",
        "direccion",
        "universidad",
        "junta",
        "procuraduria",
        "unidad",
        "oficina",
        "camara",
        "asociacion",
        "fundacion",
        "empresa",
        "agencia",
        "sindicatura",
        "regiduria",
        "alcaldia",
        "presidencia",
        "policia",
        "guardia",
        "consejeria",
        "delegacion",
        "contraloria",
        "tesoreria",
        "jefatura",
        "defensoria",
        "auditoria",
        "administracion",
        "academia",
        "escuela",
        "facultad",
        "organizacion",
        "mesa",
        "asamblea",
        "legislatura",
        "corporacion",
        "red",
        "sociedad",
        "federacion",
        "confederacion",
    }
)
MASCULINE = frozenset(
    {
        "instituto",
        "sistema",
        "gobierno",
        "municipio",
        "ayuntamiento",
        "organismo",
        "consejo",
        "centro",
        "colegio",
        "comite",
        "congreso",
        "tribunal",
        "poder",
        "banco",
        "fideicomiso",
        "patronato",
        "registro",
        "fondo",
        "cabildo",
        "grupo",
        "sindicato",
        "observatorio",
        "colectivo",
        "mando",
        "secretariado",
        "departamento",
    }
)
MASCULINE_PLURAL = {"servicios"}

#: How each kind of meeting reads in a sentence.
MEETING_VERBS = {
    MeetingKind.REUNION_TRABAJO: _l("se realizó una reunión de trabajo"),
    MeetingKind.MESA_SEGURIDAD: _l("se llevó a cabo una mesa de seguridad"),
    MeetingKind.MANDO_COORDINADO: _l("se celebró una sesión de mando coordinado"),
    MeetingKind.RECORRIDO: _l("se llevó a cabo un recorrido"),
    MeetingKind.OTRO: _l("se llevó a cabo un evento"),
}
AGREEMENT_NOUNS = {
    AgreementKind.ALIANZA: _l("la alianza"),
    AgreementKind.HERMANAMIENTO: _l("el hermanamiento"),
    AgreementKind.CONVENIO: _l("el convenio"),
}


def join_words(items: list[str]) -> str:
    """'a', 'a y b', 'a, b y c'; with ';' when an item has a comma of its own."""
    if len(items) < 2:
        return "".join(items)
    separator = "; " if any("," in item for item in items) else ", "
    last = "; y " if separator == "; " else " y "
    return separator.join(items[:-1]) + last + items[-1]


def party_name(party: Party) -> str:
    """'el Municipio de Santa Lucía del Camino', 'la Comisión Estatal del Agua', 'SOAPA'."""
    if party.kind == PartyKind.MUNICIPIO:
        return _("el Municipio de %(name)s", name=party.name)
    if party.kind == PartyKind.EXTRANJERA:
        return _("la ciudad de %(name)s", name=party.name)
    first = fold(party.name.split()[0]) if party.name.split() else ""
    article = (
        "la"
        if first in FEMININE
        else "el"
        if first in MASCULINE
        else "los"
        if first in MASCULINE_PLURAL
        else ""
    )
    return f"{article} {party.name}".strip()


def day_month(day: date, year: int) -> str:
    """'8 de abril' (with the year when it is not the report's)."""
    pattern = "d 'de' MMMM" if day.year == year else "d 'de' MMMM 'de' y"
    return format_date(day, pattern)


def date_phrase(days: list[date], year: int) -> str:
    """'El día 8 de abril', 'Los días 15 y 22 de mayo', 'Los días 30 de abril y 2 de mayo'."""
    days = sorted(days)
    if len(days) == 1:
        return _("El día %(day)s", day=day_month(days[0], year))
    groups = []
    for _month, in_month in groupby(days, key=lambda d: (d.year, d.month)):
        month_days = list(in_month)
        last = day_month(month_days[-1], year)
        groups.append([str(d.day) for d in month_days[:-1]] + [last])
    parts = [item for group in groups for item in group]
    return _("Los días %(days)s", days=join_words(parts))


def sentence(text: str | None) -> str:
    """The text as a sentence ending in a period (empty stays empty)."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    return text if text[-1] in ".!?…" else text + "."


def parties_phrase(parties: list[Party]) -> str:
    """The parties in a sentence; several municipalities read "los Municipios de A y B"."""
    municipalities = [p.name for p in parties if p.kind == PartyKind.MUNICIPIO]
    items, grouped = [], False
    for party in parties:
        if party.kind != PartyKind.MUNICIPIO or len(municipalities) < 2:
            items.append(party_name(party))
        elif not grouped:
            items.append(_("los Municipios de %(names)s", names=join_words(municipalities)))
            grouped = True
    return join_words(items)


def meeting_paragraph(meeting: Meeting, year: int) -> str:
    """One activity of the report, from the meeting's record."""
    days = [meeting_date.day for meeting_date in meeting.dates] or [meeting.first_date]
    text = f"{date_phrase(days, year)}, {MEETING_VERBS[MeetingKind(meeting.kind)]!s}"
    if meeting.parties:
        text += " " + _("con %(parties)s", parties=parties_phrase(meeting.parties))
    if meeting.place:
        text += " " + _("(lugar: %(place)s)", place=meeting.place)
    text += "."
    details = sentence(meeting.description) or sentence(meeting.title)
    return f"{text} {details}".strip()


def when_phrase(day: date, precision: str) -> str:
    """'El 7 de abril de 2025', 'En junio de 2025 (el documento no indica el día)',
    'En el 2.º trimestre de 2025 (el documento no indica el día)'."""
    if precision == "month":
        return _("En %(month)s (el documento no indica el día)", month=fecha_precisa(day, "month"))
    if precision == "quarter":
        quarter = trimestre((day.month - 1) // 3 + 1, day.year)
        return _("En el %(quarter)s (el documento no indica el día)", quarter=quarter)
    return _("El %(day)s", day=fecha(day))


def formalized_paragraph(agreement: Agreement) -> str:
    """'El 30 de junio de 2025 se formalizó el hermanamiento «…» (HER-2025-001) con …', saying
    who has not signed yet when only some parties have."""
    assert agreement.formalized_on is not None, "only a formalized agreement is described so"
    noun = AGREEMENT_NOUNS[AgreementKind(agreement.kind)]
    text = _(
        "%(when)s se formalizó %(noun)s «%(title)s» (%(folio)s)",
        when=when_phrase(agreement.formalized_on, agreement.formalized_on_precision),
        noun=noun,
        title=agreement.title,
        folio=agreement.folio,
    )
    found = signatures(agreement)
    if found and found.partial:
        text += " " + _(
            "con la firma de %(signed)s; falta la de %(missing)s",
            signed=parties_phrase([row.party for row in found.signed]),
            missing=parties_phrase([row.party for row in found.unsigned]),
        )
    elif agreement.parties:
        text += " " + _("con %(parties)s", parties=_parties(agreement))
    return text + ". " + _("Estatus actual: %(status)s.", status=Status(agreement.status).label)


def in_progress_paragraph(agreement: Agreement, end: date) -> str:
    """'«…» (HER-2025-002), con el Municipio de Ensenada: en intención desde el 29 de abril…'."""
    status = status_on(agreement, end)
    assert status is not None, "an agreement in progress has a status at the end"
    since = max(
        (m for m in agreement.status_changes if m.acted_on <= end and m.to_status == status),
        key=lambda m: m.acted_on,
        default=None,
    )
    text = f"«{agreement.title}» ({agreement.folio})"
    if agreement.parties:
        text += ", " + _("con %(parties)s", parties=_parties(agreement))
    text += ": " + _("en %(status)s", status=Status(status).label.lower())
    if since and since.acted_on_precision == "day":
        text += " " + _("desde el %(day)s", day=fecha(since.acted_on))
    elif since:
        text += " " + _(
            "desde %(when)s", when=fecha_precisa(since.acted_on, since.acted_on_precision)
        )
    return text + "."


def percent_text(value: float | None) -> str:
    """'20 %', '12.5 %'; a dash without a goal."""
    if value is None:
        return "—"
    return f"{format_decimal(value, format='#,##0.#')} %"


def _parties(agreement: Agreement) -> str:
    return parties_phrase([row.party for row in agreement.parties])
