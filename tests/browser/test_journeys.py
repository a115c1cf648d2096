"""The product as its users live it, end to end (issue 8): the unit logs a quarter's work, a
leader reads the partner map, the unit hands in the quarterly report.

Each journey has its own data: journey 1 types it all through the pages; journeys 2 and 3 start
from the records journey 1 leaves (made here through the services, as the pages make them), so
each runs alone and in any order. Every act is dated in the first quarter of 2026, a past
quarter, so the report of journey 3 is the same whatever the day the suite runs.
"""

from __future__ import annotations

import io
import re
from datetime import date
from urllib.parse import urlsplit

import docx
import openpyxl
import pytest
from sqlalchemy import select

from registry.agreements import services as agreements
from registry.agreements.models import Agreement, AgreementKind
from registry.agreements.status import Status
from registry.commitments import services as commitments
from registry.documents.models import DocumentKind
from registry.extensions import db
from registry.indicators import demo as indicators_demo
from registry.meetings.models import Evidence, Meeting, MeetingKind
from registry.meetings.services import MeetingData, create_meeting
from registry.parties import demo as parties_demo
from registry.parties.models import Party, PartyKind
from tests.browser.steps import flash_text, jpeg_photo, log_in, shows
from tests.factories import make_agreement, municipality
from tests.map.conftest import SANTA_LUCIA, XOXOCOTLAN, add_square_boundaries

YEAR, QUARTER = 2026, 1
CITY, COUNTRY = "Valparaíso", "Chile"
MEETING_TITLE = "Reunión de trabajo con la delegación de Valparaíso"
MEETING_DATES = (date(2026, 2, 10), date(2026, 2, 17))
MEETING_DATES_TEXT = "10 de febrero de 2026 y 17 de febrero de 2026"
#: The meeting's three parties: the new city, a ZMO municipality and a state body of the seed.
STATE_BODY = "Gobierno del Estado de Oaxaca"
MEETING_PARTIES = (CITY, "Santa Lucía del Camino", STATE_BODY)
COMMITMENT = "Enviar a Valparaíso el proyecto de convenio de hermanamiento"
COMMITMENT_DUE = date(2026, 3, 31)
AGREEMENT_TITLE = "Hermanamiento Oaxaca de Juárez – Valparaíso"
LETTER_NUMBER, LETTER_DATE = "OPM/EXT/0012/2026", date(2026, 1, 20)
SIGNED_ON = date(2026, 3, 5)


@pytest.fixture
def seeds(app):
    """What the unit's registry already holds: the seed parties and the MIR indicators."""
    parties_demo.load()
    indicators_demo.load()
    db.session.commit()


# 1. The unit logs its work ----------------------------------------------------------------


def test_the_unit_logs_its_work(new_tab, seeds, editor, screenshot, tmp_path):
    page = new_tab()
    log_in(page, editor)
    register_the_city(page, screenshot)
    meeting_url = record_the_meeting(page, screenshot)
    attach_a_photo(page, jpeg_photo(tmp_path / "reunion-valparaiso.jpg"), screenshot)
    folio = record_the_letter_of_intent(page, screenshot)
    sign_it(page, folio, screenshot)

    page.get_by_role("link", name="Tablero").first.click()
    page.get_by_role("heading", name="Tablero").wait_for()
    moves = page.locator(
        "section", has=page.get_by_role("heading", name="Instrumentos de vinculación")
    )
    assert "Intención → Firmado · 5 de marzo de 2026" in moves.inner_text()
    recent = page.locator("section", has=page.locator("#panel-reuniones"))
    assert "10 de febrero de 2026: " + MEETING_TITLE in recent.inner_text()
    screenshot(page, "6-tablero")
    page.get_by_role("link", name=MEETING_TITLE).click()
    page.wait_for_url(f"**{meeting_url}")
    page.go_back()
    page.get_by_role("link", name=folio).first.click()
    page.get_by_role("heading", name=AGREEMENT_TITLE).wait_for()

    agreement = db.session.scalars(select(Agreement)).one()
    assert (agreement.folio, agreement.status, agreement.formalized_on) == (
        folio,
        Status.FIRMADO,
        SIGNED_ON,
    )
    assert [(d.kind, d.number, d.issued_on) for d in agreement.documents] == [
        (DocumentKind.CARTA_INTENCION, LETTER_NUMBER, LETTER_DATE)
    ]
    assert [row.signed_on for row in agreement.parties] == [SIGNED_ON]
    meeting = db.session.scalars(select(Meeting)).one()
    assert [row.day for row in meeting.dates] == list(MEETING_DATES)
    assert sorted(p.name for p in meeting.parties) == sorted(MEETING_PARTIES)
    assert [(c.text, c.responsible_party.name, c.due_on) for c in meeting.commitments] == [
        (COMMITMENT, CITY, COMMITMENT_DUE)
    ]
    photo = db.session.scalars(select(Evidence)).one()
    assert (photo.kind.value, photo.file.content_type) == ("foto", "image/jpeg")


def register_the_city(page, screenshot) -> None:
    page.get_by_role("link", name="Contrapartes").first.click()
    page.get_by_role("link", name="Nueva contraparte").click()
    page.get_by_label("Tipo").select_option(label="Ciudad extranjera")
    page.get_by_label("Nombre", exact=True).fill(CITY)
    page.get_by_label("País").fill(COUNTRY)
    page.get_by_role("button", name="Guardar").click()
    page.get_by_role("heading", name=CITY).wait_for()
    assert f"Contraparte «{CITY}» registrada." in flash_text(page)
    screenshot(page, "1-contraparte")


def record_the_meeting(page, screenshot) -> str:
    """A working meeting on two separate days with three parties and one commitment."""
    page.get_by_role("link", name="Reuniones").first.click()
    page.get_by_role("link", name="Nueva reunión").click()
    page.get_by_label("Tipo", exact=True).select_option(label="Reunión de trabajo")
    page.get_by_label("Título").fill(MEETING_TITLE)
    page.get_by_label("Fecha", exact=True).fill(MEETING_DATES[0].isoformat())
    page.get_by_label("Otras fechas del mismo evento").fill(MEETING_DATES[1].strftime("%d/%m/%Y"))
    page.get_by_label("Lugar").fill("Palacio Municipal")
    page.get_by_label("Contrapartes participantes").select_option(label=list(MEETING_PARTIES))
    first_commitment = page.get_by_role("group", name="Acuerdo 1")
    first_commitment.get_by_label("Acuerdo").fill(COMMITMENT)
    first_commitment.get_by_label("Responsable").select_option(label=CITY)
    first_commitment.get_by_label("Fecha límite").fill(COMMITMENT_DUE.isoformat())
    screenshot(page, "2-reunion-formulario")
    page.get_by_role("button", name="Guardar").click()

    page.get_by_role("heading", name=MEETING_TITLE).wait_for()
    shows(page.get_by_text(MEETING_DATES_TEXT))
    shows(page.locator("#acuerdos").get_by_role("link", name=COMMITMENT))
    return urlsplit(page.url).path


def attach_a_photo(page, photo, screenshot) -> None:
    page.get_by_text("Subir una fotografía o un documento").click()
    upload = page.locator("#form-archivo")
    upload.get_by_label("Tipo de evidencia").select_option(label="Fotografía")
    upload.get_by_label("Archivo").set_input_files(photo)
    upload.get_by_label("Descripción breve").fill("Foto de la reunión")
    upload.get_by_role("button", name="Subir").click()
    link = page.locator("#evidencia").get_by_role("link", name="Foto de la reunión", exact=True)
    link.wait_for()
    stored = page.request.get(link.get_attribute("href"))  # with this tab's session
    assert stored.ok
    # The same picture, written anew by the server (only the pixels are kept, issue 15).
    from PIL import Image, ImageChops, ImageStat

    got, sent = Image.open(io.BytesIO(stored.body())), Image.open(photo)
    assert got.size == sent.size
    assert max(ImageStat.Stat(ImageChops.difference(got, sent.convert(got.mode))).mean) < 2
    screenshot(page, "3-reunion")


def record_the_letter_of_intent(page, screenshot) -> str:
    """A new hermanamiento with the city, entering as a letter of intent; returns its folio."""
    page.get_by_role("link", name="Instrumentos").first.click()
    page.get_by_role("link", name="Nuevo instrumento").click()
    page.get_by_label("Tipo", exact=True).select_option(label="Hermanamiento")
    page.get_by_label("Título").fill(AGREEMENT_TITLE)
    page.get_by_label("Contraparte").first.select_option(label=CITY)
    page.get_by_label("Estatus inicial").select_option(label="Intención")
    page.get_by_label("Fecha del acto").fill(LETTER_DATE.isoformat())
    page.get_by_label("Documento del acto").select_option(label="Carta de intención")
    page.get_by_label("Número u oficio").fill(LETTER_NUMBER)
    screenshot(page, "4-carta-de-intencion")
    page.get_by_role("button", name="Registrar").click()
    page.get_by_role("heading", name=AGREEMENT_TITLE).wait_for()
    registered = re.search(r"Instrumento (\S+) registrado\.", flash_text(page))
    assert registered, flash_text(page)
    return registered[1]


def sign_it(page, folio: str, screenshot) -> None:
    page.get_by_role("link", name="Cambiar estatus").click()
    page.get_by_label("Nuevo estatus").select_option(label="Firmado")
    page.get_by_label("Fecha del acto").fill(SIGNED_ON.isoformat())
    assert not page.get_by_label(CITY).is_checked()  # nothing is ticked for the user
    page.get_by_label(CITY).check()  # the city signed on the act's date
    page.get_by_role("button", name="Registrar el cambio").click()
    page.get_by_role("heading", name=AGREEMENT_TITLE).wait_for()
    assert f"Estatus de {folio}: Firmado." in flash_text(page)
    shows(page.get_by_text("formalizado: 5 de marzo de 2026"))
    screenshot(page, "5-firmado")


# What journey 1 leaves, made through the services ---------------------------------------------


def the_units_work(editor) -> tuple[Agreement, Meeting]:
    """The records journey 1 types: the city, the meeting and the signed hermanamiento."""
    city = Party(kind=PartyKind.EXTRANJERA, name=CITY, country=COUNTRY)
    db.session.add(city)
    db.session.flush()
    parties = [
        city,
        municipality(SANTA_LUCIA),
        db.session.scalar(select(Party).where(Party.name == STATE_BODY)),
    ]
    meeting = create_meeting(
        MeetingData(
            kind=MeetingKind.REUNION_TRABAJO,
            title=MEETING_TITLE,
            dates=list(MEETING_DATES),
            parties=parties,
        ),
        user=editor,
    )
    commitments.add_commitment(meeting, COMMITMENT, city, COMMITMENT_DUE, user=editor)
    agreement = make_agreement(
        title=AGREEMENT_TITLE,
        kind=AgreementKind.HERMANAMIENTO,
        parties=[city],
        acted_on=LETTER_DATE,
        user=editor,
        commit=False,
    )
    agreements.change_status(agreement, Status.FIRMADO, SIGNED_ON, editor)
    db.session.commit()
    return agreement, meeting


# 2. A leader views the partner map -----------------------------------------------------------


def test_a_leader_views_the_partner_map(new_tab, seeds, editor, reader, screenshot):
    from playwright.sync_api import expect  # here: the browser fixture skips without it

    alliance = make_agreement(
        title="Convenio de coordinación en seguridad pública con Santa Lucía del Camino",
        kind=AgreementKind.ALIANZA,
        parties=[municipality(SANTA_LUCIA)],
        acted_on=date(2026, 1, 15),
        user=editor,
        commit=False,
    )
    agreements.change_status(alliance, Status.FIRMADO, date(2026, 2, 12), editor)
    later = make_agreement(
        title="Convenio de colaboración en movilidad con Santa Cruz Xoxocotlán",
        parties=[municipality(XOXOCOTLAN)],
        acted_on=date(2026, 5, 6),
        user=editor,
    )
    add_square_boundaries([SANTA_LUCIA, XOXOCOTLAN], half=0.014)  # stand-ins for INEGI shapes

    page = new_tab()
    log_in(page, reader)
    page.get_by_role("link", name="Mapa").click()
    page.get_by_role("heading", name="Mapa de contrapartes").wait_for()
    page.wait_for_load_state()
    on_the_map = page.get_by_role("table").first
    assert "Santa Cruz Xoxocotlán" in on_the_map.inner_text()  # every agreement, no filter yet
    page.get_by_label("Año").select_option(label=str(YEAR))
    page.get_by_label("Trimestre").select_option(label="1.º (ene–mar)")
    page.get_by_role("button", name="Aplicar").click()
    page.wait_for_url(re.compile(r"anio=2026.*trimestre=1"))
    page.locator("path.map-area").first.wait_for()
    table = page.get_by_role("table").first.inner_text()
    assert "Santa Lucía del Camino" in table and "Santa Cruz Xoxocotlán" not in table
    screenshot(page, "1-mapa-del-trimestre")

    # a corner of its shape (a circle at its centre would open the same popup)
    page.locator(f"path.map-cvegeo-{SANTA_LUCIA}").click(position={"x": 3, "y": 3})
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Instrumentos (1)" in popup.inner_text() and later.folio not in popup.inner_text()
    expect(page.locator(".leaflet-popup")).to_have_css("opacity", "1")
    screenshot(page, "2-ventana")
    popup.get_by_role("link", name=alliance.folio).click()
    page.get_by_role("heading", name=alliance.title).wait_for()
    assert "formalizado: 12 de febrero de 2026" in page.locator("main").inner_text()
    screenshot(page, "3-instrumento")

    changes = page.locator("main").get_by_role(
        "link",
        name=re.compile("Cambiar estatus|Agregar documento|Editar|Mover a la papelera|Nuevo"),
    )
    assert changes.count() == 0
    for path in (f"/instrumentos/{alliance.id}/editar", "/instrumentos/nuevo"):
        response = page.goto(path)
        assert response.status == 403, path
        shows(page.get_by_role("heading", name="Acceso no permitido"))
    page.goto(f"/instrumentos/{alliance.id}/estatus")
    shows(page.get_by_text("Su cuenta es de consulta"))
    assert page.get_by_role("button", name="Registrar el cambio").count() == 0
    screenshot(page, "4-sin-permiso")
    db.session.refresh(alliance)
    assert (alliance.status, alliance.version) == (Status.FIRMADO, 2)


# 3. The quarterly report ---------------------------------------------------------------------


def test_the_quarterly_report(new_tab, seeds, editor, screenshot, tmp_path):
    agreement, meeting = the_units_work(editor)
    page = new_tab(accept_downloads=True)
    log_in(page, editor)
    page.get_by_role("link", name="Informes").first.click()
    page.get_by_label("Año").fill(str(YEAR))
    page.get_by_label("Trimestre").select_option(label="1.º (enero–marzo)")
    page.get_by_role("button", name="Ver informe").click()
    page.get_by_role("heading", name=re.compile(r"1\.º trimestre de 2026", re.I)).wait_for()

    formalized = page.locator("section", has=page.locator("#formalizados"))
    row = formalized.get_by_role("row", name=re.compile(agreement.folio))
    for text in (AGREEMENT_TITLE, "Firmado", "5 de marzo de 2026", CITY):
        assert text in row.inner_text(), text
    meetings = page.locator("section", has=page.locator("#reuniones"))
    row = meetings.get_by_role("row", name=re.compile(meeting.folio))
    for text in (MEETING_TITLE, "10 de febrero de 2026", "17 de febrero de 2026", *MEETING_PARTIES):
        assert text in row.inner_text(), text
    screenshot(page, "1-informe")

    workbook = openpyxl.load_workbook(
        download(page, "XLSX", tmp_path, "informe-trimestral-2026-T1.xlsx")
    )
    cells = {ws.title: cell_texts(ws) for ws in workbook.worksheets}
    formalized_sheet = next(texts for title, texts in cells.items() if "ormaliz" in title)
    assert {agreement.folio, AGREEMENT_TITLE} <= formalized_sheet
    meetings_sheet = next(texts for title, texts in cells.items() if "euni" in title)
    assert {meeting.folio, MEETING_TITLE} <= meetings_sheet
    assert all(any(name in text for text in meetings_sheet) for name in MEETING_PARTIES)

    document = docx.Document(download(page, "DOCX", tmp_path, "informe-trimestral-2026-T1.docx"))
    text = "\n".join(docx_texts(document))
    for expected in (agreement.folio, AGREEMENT_TITLE, MEETING_TITLE, *MEETING_PARTIES):
        assert expected in text, expected
    assert "Los días 10 y 17 de febrero" in text  # the meeting's dates, in the report's words


def download(page, link: str, folder, expected_name: str):
    """Click the download ``link``; the file as the browser saved it, under its own name."""
    with page.expect_download() as info:
        page.get_by_role("link", name=link, exact=True).click()
    assert info.value.suggested_filename == expected_name
    info.value.save_as(folder / expected_name)
    return folder / expected_name


def cell_texts(sheet) -> set[str]:
    return {str(value) for row in sheet.iter_rows(values_only=True) for value in row if value}


def docx_texts(document) -> list[str]:
    """Every paragraph of the document, its tables' cells included."""
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts += [cell.text for row in table.rows for cell in row.cells]
    return texts
