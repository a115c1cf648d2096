"""The quarterly report as a Word document ("Informe trimestral"), laid out like the Unidad's.

For each active MIR indicator: Programa presupuestario, Nivel, Nombre del indicador, Nivel
alcanzado and the numbered activities that count for it, one paragraph each in Spanish prose
(``narrative``); then the quarter's other meetings, the agreements formalized and in progress,
the metropolitan municipalities engaged, and "Autorizó" with the name and post configured by an
administrator (``settings``). Every meeting of the quarter appears exactly once.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from registry.agreements.models import Agreement, AgreementParty
from registry.extensions import db
from registry.filters import code_label, fecha, trimestre
from registry.indicators.models import Indicator, IndicatorSource
from registry.meetings.models import MeetingKind
from registry.reports import narrative
from registry.reports.queries import agreements_in_progress, formalized_agreements, meetings_held
from registry.settings.services import ReportSettings, report_settings


def to_docx(report: dict) -> bytes:
    """The report's Word document (the records are read again for their prose details)."""
    start, end = date.fromisoformat(report["start"]), date.fromisoformat(report["end"])
    document = _new_document(report, settings := report_settings())
    _heading(document, report, settings)
    meetings = meetings_held(start, end)
    shown: set[int] = set()
    indicators = _indicators_by_code()
    for number, row in enumerate(report["indicators"]):
        if number:
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        indicator = indicators[row["code"]]
        activities = _activities(indicator, row, meetings, report["year"], shown)
        _indicator_block(document, indicator, row, activities)
    others = [m for m in meetings if m.id not in shown]
    if others:
        document.add_heading(_("Otras reuniones y eventos del trimestre"), level=2)
        _numbered(document, [narrative.meeting_paragraph(m, report["year"]) for m in others])
    _agreements(document, start, end)
    _municipalities(document, report)
    _signature(document, settings)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# Content ---------------------------------------------------------------------------------------


def _indicators_by_code() -> dict[str, Indicator]:
    return {i.code: i for i in db.session.scalars(select(Indicator).where(Indicator.active))}


def _activities(indicator, row: dict, meetings, year, shown: set[int]) -> list[str]:
    """The paragraphs of what counted for ``indicator`` in the quarter: the records its
    ``tally`` counted (the report row's ``counted``), in prose."""
    folios = [entry["folio"] for entry in row["counted"]]
    if indicator.source == IndicatorSource.MEETINGS:
        counted = [m for m in meetings if m.folio in set(folios)]
        shown.update(m.id for m in counted)
        return [narrative.meeting_paragraph(m, year) for m in counted]
    agreements = {
        a.folio: a
        for a in db.session.scalars(
            select(Agreement)
            .where(Agreement.folio.in_(folios))
            .options(selectinload(Agreement.parties).selectinload(AgreementParty.party))
        )
    }
    return [
        narrative.formalized_paragraph(a) if a.formalized_on else f"«{a.title}» ({a.folio})."
        for a in (agreements[folio] for folio in folios if folio in agreements)
    ]


def _heading(document, report: dict, settings: ReportSettings) -> None:
    if settings.unit_name:
        _centered(document, settings.unit_name, bold=True)
    document.add_heading(_("Informe trimestral"), level=0)
    period = trimestre(report["quarter"], report["year"])
    _centered(
        document,
        f"{period[:1].upper()}{period[1:]} ({fecha(report['start'])} – {fecha(report['end'])})",
    )
    counts = [
        f"{code_label(kind, MeetingKind).lower()}: {count}"
        for kind, count in report["meetings_by_kind"].items()
        if count
    ]
    summary = _("Reuniones y eventos del trimestre: %(n)d", n=len(report["meetings"]))
    document.add_paragraph(summary + (f" ({'; '.join(counts)})." if counts else "."))


def _indicator_block(document, indicator: Indicator, row: dict, activities: list[str]) -> None:
    _label_value(document, _("Programa presupuestario"), indicator.program or "—")
    _label_value(document, _("Nivel"), indicator.level or "—")
    _label_value(document, _("Nombre del indicador"), row["name"])
    _label_value(document, _("Nivel alcanzado"), narrative.percent_text(row["percent"]))
    if row["goal"]:
        detail = _(
            "Meta anual: %(goal)d · en el trimestre: %(n)d · acumulado del año: %(y)d (%(p)s).",
            goal=row["goal"],
            n=row["achieved"],
            y=row["achieved_year"],
            p=narrative.percent_text(row["percent_year"]),
        )
        document.add_paragraph().add_run(detail).font.size = Pt(9)
    document.add_paragraph().add_run(_("Actividades:")).bold = True
    if activities:
        _numbered(document, activities)
    else:
        document.add_paragraph(_("Sin actividades registradas en el trimestre."))


def _agreements(document, start: date, end: date) -> None:
    document.add_heading(_("Instrumentos formalizados en el trimestre"), level=2)
    formalized = formalized_agreements(start, end)
    _numbered(
        document,
        [narrative.formalized_paragraph(a) for a in formalized],
        _("Ningún instrumento se formalizó en el trimestre."),
    )
    document.add_heading(_("Instrumentos en proceso"), level=2)
    in_progress = agreements_in_progress(start, end)
    _numbered(
        document,
        [narrative.in_progress_paragraph(a, end) for a in in_progress],
        _("Ningún instrumento en proceso tuvo movimientos en el trimestre."),
    )


def _municipalities(document, report: dict) -> None:
    document.add_heading(_("Municipios de la Zona Metropolitana vinculados"), level=2)
    names = [row["name"] for row in report["zmo_municipalities_engaged"]]
    document.add_paragraph(
        narrative.join_words(names) + "." if names else _("Ninguno en el trimestre.")
    )


def _signature(document, settings: ReportSettings) -> None:
    for _line in range(2):
        document.add_paragraph()
    _centered(document, _("Autorizó"), bold=True)
    document.add_paragraph()
    _centered(document, settings.signer_name or "_" * 40, bold=bool(settings.signer_name))
    if settings.signer_post:
        _centered(document, settings.signer_post)


# Layout ----------------------------------------------------------------------------------------


def _new_document(report: dict, settings: ReportSettings):
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name, normal.font.size = "Arial", Pt(11)
    language = OxmlElement("w:lang")
    language.set(qn("w:val"), "es-MX")
    normal.element.get_or_add_rPr().append(language)
    properties = document.core_properties
    properties.title = f"Informe trimestral {report['year']} T{report['quarter']}"
    properties.author = settings.unit_name or "Registro Metropolitano"
    properties.language = "es-MX"
    return document


def _label_value(document, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(f"{label}: ").bold = True
    paragraph.add_run(value)


def _numbered(document, items: list[str], empty: str = "") -> None:
    if not items:
        document.add_paragraph(empty)
        return
    for number, text in enumerate(items, 1):
        paragraph = document.add_paragraph(f"{number}. {text}")
        paragraph.paragraph_format.left_indent = Cm(0.75)
        paragraph.paragraph_format.first_line_indent = Cm(-0.75)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY


def _centered(document, text: str, bold: bool = False) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run(text).bold = bold
