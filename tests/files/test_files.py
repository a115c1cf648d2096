from __future__ import annotations

import io

import pytest
from werkzeug.datastructures import FileStorage

from registry.errors import DomainError
from registry.extensions import db
from registry.files.models import StoredFile
from registry.files.services import file_path, store_upload
from tests.conftest import row_count

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def tiny_image(kind: str) -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (0, 128, 0)).save(buffer, kind)
    return buffer.getvalue()


PNG, JPEG = tiny_image("PNG"), tiny_image("JPEG")


def upload(data: bytes, name: str) -> FileStorage:
    return FileStorage(stream=io.BytesIO(data), filename=name)


@pytest.mark.parametrize(
    ("data", "name", "mime"),
    [
        (PDF, "carta.pdf", "application/pdf"),
        (PNG, "foto.png", "image/png"),
        (JPEG, "foto.jpeg", "image/jpeg"),
        (PDF, "sin-extension", "application/pdf"),
    ],
)
def test_accepted_by_content(app, data, name, mime):
    stored = store_upload(upload(data, name))
    db.session.commit()
    assert stored.content_type == mime
    assert file_path(stored).read_bytes() == data
    assert stored.storage_name != name and "/" not in stored.storage_name


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"just text", "documento.pdf"),
        (b"<script>alert(1)</script>", "foto.png"),
        (b"", "x.pdf"),
        (b"MZ\x90\x00", "oficio.pdf"),
    ],
)
def test_refused_when_the_content_is_not_pdf_or_image(app, data, name):
    with pytest.raises(DomainError):
        store_upload(upload(data, name))
    assert row_count(StoredFile) == 0


@pytest.mark.parametrize("app_config", [{"UPLOAD_MAX_BYTES": 100}])
def test_size_limit(app):
    with pytest.raises(DomainError, match="supera el máximo"):
        store_upload(upload(PDF + b"0" * 200, "grande.pdf"))


def test_path_tricks_in_the_name_change_nothing(app, tmp_path):
    stored = store_upload(upload(PDF, "../../etc/passwd.pdf"))
    db.session.commit()
    assert stored.original_name == "passwd.pdf"
    assert file_path(stored).parent == tmp_path / "uploads"


def test_download_needs_login_and_is_an_attachment(app, client, reader):
    stored = store_upload(upload(PDF, "Oficio OPM/EXT/0064.pdf"))
    db.session.commit()
    assert client.get(f"/archivos/{stored.id}").status_code == 302
    client.login_as(reader)
    with client.get(f"/archivos/{stored.id}") as response:
        assert response.status_code == 200
        assert response.data == PDF
        assert response.headers["Content-Disposition"].startswith("attachment")
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get("/archivos/9999").status_code == 404


def photo_with_gps(kind: str) -> bytes:
    from PIL import Image

    image = Image.new("RGB", (40, 30), (105, 28, 50))
    exif = Image.Exif()
    exif[0x010F] = "Teléfono de prueba"  # Make
    exif.get_ifd(0x8825).update({1: "N", 2: (17.0, 3.0, 41.0), 3: "W", 4: (96.0, 43.0, 18.0)})
    buffer = io.BytesIO()
    image.save(buffer, kind, exif=exif.tobytes())
    return buffer.getvalue()


@pytest.mark.parametrize("kind", ["JPEG", "PNG"])
def test_photos_lose_their_gps_position(app, kind):
    from PIL import Image

    original = photo_with_gps(kind)
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)  # the test photo has GPS
    stored = store_upload(upload(original, f"foto.{kind.lower()}"))
    db.session.commit()
    kept = file_path(stored).read_bytes()
    image = Image.open(io.BytesIO(kept))
    image.load()  # still a valid picture
    assert image.size == (40, 30)
    assert not image.getexif()
    assert b"Exif" not in kept and "Teléfono".encode() not in kept
    assert stored.size == len(kept)


def test_a_truncated_photo_is_refused(app):
    with pytest.raises(DomainError, match="dañada"):
        store_upload(upload(photo_with_gps("JPEG")[:40], "foto.jpg"))


@pytest.mark.parametrize("app_config", [{"MAX_CONTENT_LENGTH": 1024}])
def test_too_large_a_request_gets_the_spanish_413_page(admin_client):
    response = admin_client.post(
        "/admin/usuarios/nuevo",
        data={"full_name": "x" * 4096, "file": (io.BytesIO(PDF * 100), "grande.pdf")},
    )
    assert response.status_code == 413
    assert "Archivo demasiado grande" in response.get_data(as_text=True)


# Issue 15: nothing but the picture survives, and a bomb is refused --------------------------------

#: An MP4 "©xyz" location atom (ISO 6709), as phones write it into a video's metadata.
LOCATION_ATOM = b"\x00\x00\x00\x1e\xa9xyz\x00\x12\x15\xc7+17.0567-096.7217/"
MP4_TAIL = b"\x00\x00\x00\x14ftypmp42\x00\x00\x00\x00mp42" + LOCATION_ATOM


def stored_bytes(data: bytes, name: str) -> bytes:
    stored = store_upload(upload(data, name))
    db.session.commit()
    kept = file_path(stored).read_bytes()
    assert stored.size == len(kept)
    return kept


def png_with_chunk(kind: bytes, payload: bytes) -> bytes:
    """A PNG with one more chunk before IEND."""
    import struct
    import zlib

    head, end = PNG[:-12], PNG[-12:]
    chunk = struct.pack(">I", len(payload)) + kind + payload
    return head + chunk + struct.pack(">I", zlib.crc32(kind + payload)) + end


def test_a_motion_photo_loses_the_second_image_and_its_gps(app):
    """Finding 4 of issue 15: a JPEG with another JPEG after its end kept the second one's GPS."""
    from PIL import Image

    kept = stored_bytes(JPEG + photo_with_gps("JPEG"), "movimiento.jpg")
    assert b"Exif" not in kept and "Teléfono".encode() not in kept
    assert kept.count(b"\xff\xd8") == 1  # one picture: one start-of-image marker
    image = Image.open(io.BytesIO(kept))
    assert image.size == (4, 3) and not image.getexif()


def test_a_location_atom_appended_to_a_jpeg_is_gone(app):
    kept = stored_bytes(JPEG + MP4_TAIL, "foto.jpg")
    assert b"\xa9xyz" not in kept and b"+17.0567" not in kept and b"ftyp" not in kept


def test_comments_and_private_chunks_are_gone(app):
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (0, 128, 0)).save(buffer, "JPEG", comment=b"casa de la regidora")
    assert b"casa de la regidora" in buffer.getvalue()
    assert b"casa de la regidora" not in stored_bytes(buffer.getvalue(), "foto.jpg")
    private = png_with_chunk(b"prVt", b"domicilio particular")
    kept = stored_bytes(private, "foto.png")
    assert b"prVt" not in kept and b"domicilio" not in kept
    assert Image.open(io.BytesIO(kept)).getpixel((0, 0)) == (0, 128, 0)


def test_a_sideways_photo_stays_upright_without_its_exif(app):
    from PIL import Image

    image = Image.new("RGB", (40, 30), (0, 0, 0))
    image.paste((255, 255, 255), (0, 0, 10, 30))  # a white band on the left
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif.tobytes(), quality=95)
    kept = Image.open(io.BytesIO(stored_bytes(buffer.getvalue(), "foto.jpg")))
    assert kept.size == (30, 40) and not kept.getexif()
    assert kept.convert("L").getpixel((15, 2)) > 200  # the band is on top now


def decompression_bomb(width: int = 30_000, height: int = 30_000) -> bytes:
    """A real PNG of width × height black pixels (1 bit each): about 110 kB on disk."""
    import struct
    import zlib

    def chunk(kind: bytes, payload: bytes) -> bytes:
        crc = struct.pack(">I", zlib.crc32(kind + payload))
        return struct.pack(">I", len(payload)) + kind + payload + crc

    row = b"\x00" * (1 + (width + 7) // 8)
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(height)) + compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def test_a_decompression_bomb_is_refused_with_a_clear_message(app):
    with pytest.raises(DomainError, match="demasiados píxeles|megapíxeles"):
        store_upload(upload(decompression_bomb(), "mapa.png"))
    assert row_count(StoredFile) == 0


@pytest.mark.parametrize("app_config", [{"UPLOAD_MAX_IMAGE_PIXELS": 1_000}])
def test_the_pixel_limit_names_the_size(app):
    with pytest.raises(DomainError) as refused:
        store_upload(upload(photo_with_gps("PNG"), "foto.png"))
    assert (
        "40 × 30 píxeles" in refused.value.message and "0.001 megapíxeles" in refused.value.message
    )
