"""Evidence: photos and scans under the upload rules, links to posts, removal."""

from __future__ import annotations

import io

import pytest

from registry.errors import DomainError
from registry.extensions import db
from registry.files.models import StoredFile
from registry.meetings.models import Evidence, EvidenceKind
from registry.meetings.services import check_url
from tests.conftest import row_count
from tests.files.test_files import PNG
from tests.forms import submit_form
from tests.meetings.conftest import form_index


@pytest.fixture
def meeting(make_meeting):
    return make_meeting(title="Mesa de Seguridad de la Coordinación Metropolitana")


def upload(client, meeting, data: bytes, name: str, kind: str = "foto"):
    return client.post(
        f"/reuniones/{meeting.id}/evidencia/archivo",
        data={"kind": kind, "title": "Foto de la mesa", "file": (io.BytesIO(data), name)},
        content_type="multipart/form-data",
    )


def test_upload_a_photo_and_download_it(editor_client, meeting, editor):
    response = upload(editor_client, meeting, PNG, "mesa.png")
    assert response.status_code == 302
    item = db.session.scalar(db.select(Evidence))
    assert (item.kind, item.title, item.file.content_type) == (
        EvidenceKind.FOTO,
        "Foto de la mesa",
        "image/png",
    )
    assert item.file.uploaded_by_id == editor.id
    page = editor_client.get(f"/reuniones/{meeting.id}").get_data(as_text=True)
    assert f'href="/archivos/{item.file.id}"' in page
    with editor_client.get(f"/archivos/{item.file.id}") as download:
        assert download.data == PNG


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (
            b"<html><script>alert(1)</script>",
            "foto.png",
            "Solo se aceptan archivos PDF, JPEG o PNG",
        ),
        (b"", "vacio.pdf", "El archivo está vacío."),
    ],
)
def test_a_refused_file_writes_nothing(editor_client, meeting, data, name, message):
    response = upload(editor_client, meeting, data, name)
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert message in page.split('id="file-error"', 1)[1]
    assert row_count(Evidence) == 0 and row_count(StoredFile) == 0


def test_a_missing_file_is_a_field_error(editor_client, meeting):
    response = editor_client.post(
        f"/reuniones/{meeting.id}/evidencia/archivo", data={"kind": "foto"}
    )
    assert response.status_code == 200
    assert "Elija el archivo que desea subir." in response.get_data(as_text=True)
    assert row_count(Evidence) == 0


def test_link_a_post_with_the_real_form(editor_client, meeting):
    url = f"/reuniones/{meeting.id}"
    index = form_index(editor_client.get(url).get_data(as_text=True), f"{url}/evidencia/enlace")
    post = "https://www.facebook.com/MunicipioOaxaca/posts/123"
    response = submit_form(
        editor_client, url, {"url": post, "title": "Publicación del 23 de mayo"}, form_index=index
    )
    assert response.status_code == 302
    item = db.session.scalar(db.select(Evidence))
    assert (item.kind, item.url) == (EvidenceKind.ENLACE, post)
    page = editor_client.get(url).get_data(as_text=True)
    assert f'href="{post}" rel="noopener noreferrer"' in page


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://servidor/archivo",
        "www.facebook.com/sin-esquema",
        "https://",
        "https://ejemplo.mx/con espacio",
        "data:text/html,<b>x</b>",
        "https://[::1",
    ],
)
def test_only_http_links(url):
    with pytest.raises(DomainError):
        check_url(url)


def test_a_bad_link_writes_nothing(editor_client, meeting):
    response = editor_client.post(
        f"/reuniones/{meeting.id}/evidencia/enlace", data={"url": "javascript:alert(1)"}
    )
    assert response.status_code == 200
    assert "empiece con https://" in response.get_data(as_text=True)
    assert row_count(Evidence) == 0


def test_remove_hides_the_evidence(editor_client, meeting):
    editor_client.post(
        f"/reuniones/{meeting.id}/evidencia/enlace", data={"url": "https://x.com/Municipio/1"}
    )
    item = db.session.scalar(db.select(Evidence))
    assert editor_client.post(f"/reuniones/evidencia/{item.id}/quitar").status_code == 302
    assert db.session.get(Evidence, item.id).deleted_at is not None
    page = editor_client.get(f"/reuniones/{meeting.id}").get_data(as_text=True)
    assert 'href="https://x.com/Municipio/1"' not in page  # (the flash still names it)
