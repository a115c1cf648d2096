"""Storing uploads safely and serving them back.

A file is accepted only if its first bytes say PDF, JPEG or PNG (the name and the browser's
declared type are ignored), and only up to ``UPLOAD_MAX_BYTES``. Photos are decoded and written
anew (``registry.files.images``): their metadata (GPS position included) and anything hidden
after the picture are gone, and one of more than ``UPLOAD_MAX_IMAGE_PIXELS`` is refused. It is
stored under ``UPLOAD_FOLDER`` with a random name, so
nothing the user sent ever becomes a path.
"""

from __future__ import annotations

import hashlib
import os
import secrets
from pathlib import Path

from flask import current_app, send_file
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import FileStorage

from registry.errors import DomainError
from registry.extensions import db
from registry.files.images import TooManyPixels, UnreadableImage, reencode
from registry.files.models import StoredFile

#: (leading bytes, MIME type, extension) of every accepted format.
SIGNATURES = (
    (b"%PDF-", "application/pdf", ".pdf"),
    (b"\xff\xd8\xff", "image/jpeg", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", ".png"),
)


def detect_type(head: bytes) -> tuple[str, str] | None:
    """(MIME type, extension) from the file's first bytes, or None if not an accepted format."""
    for magic, mime, extension in SIGNATURES:
        if head.startswith(magic):
            return mime, extension
    return None


def upload_folder() -> Path:
    folder = Path(current_app.config["UPLOAD_FOLDER"])
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def store_upload(upload: FileStorage, field: str = "file") -> StoredFile:
    """Check and store an uploaded file; the StoredFile is added to the session (not committed).

    Raises DomainError (for ``field``) when the file is empty, too large or not PDF/JPEG/PNG.
    """
    limit = current_app.config["UPLOAD_MAX_BYTES"]
    data = upload.stream.read(limit + 1)
    if not data:
        raise DomainError(_("El archivo está vacío."), field)
    if len(data) > limit:
        raise DomainError(
            _("El archivo supera el máximo de %(mb)d MB.", mb=limit // (1024 * 1024)), field
        )
    detected = detect_type(data[:16])
    if detected is None:
        raise DomainError(
            _("Solo se aceptan archivos PDF, JPEG o PNG (se revisa su contenido, no su nombre)."),
            field,
        )
    content_type, extension = detected
    max_pixels = current_app.config["UPLOAD_MAX_IMAGE_PIXELS"]
    try:
        data = reencode(data, content_type, max_pixels)
    except UnreadableImage as error:
        raise DomainError(_("La imagen está dañada o incompleta."), field) from error
    except TooManyPixels as error:
        raise DomainError(_too_many_pixels(error, max_pixels), field) from error
    storage_name = secrets.token_hex(16) + extension
    path = upload_folder() / storage_name
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)
    stored = StoredFile(
        storage_name=storage_name,
        original_name=safe_display_name(upload.filename, extension),
        content_type=content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by_id=current_user.id if current_user and current_user.is_authenticated else None,
    )
    db.session.add(stored)
    return stored


def _too_many_pixels(error: TooManyPixels, max_pixels: int) -> str:
    limit = max_pixels / 1_000_000
    if error.width is None:
        return _(
            "La imagen tiene demasiados píxeles (el máximo es %(mp)g megapíxeles); redúzcala "
            "antes de subirla.",
            mp=limit,
        )
    return _(
        "La imagen mide %(w)d × %(h)d píxeles, más de los %(mp)g megapíxeles que se aceptan; "
        "redúzcala antes de subirla.",
        w=error.width,
        h=error.height,
        mp=limit,
    )


def safe_display_name(filename: str | None, extension: str) -> str:
    """The user's file name, reduced to its last component, for display and download only."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1].strip()
    name = "".join(char for char in name if char.isprintable())[:200]
    return name or f"documento{extension}"


def file_path(stored: StoredFile) -> Path:
    return upload_folder() / stored.storage_name


def send_stored_file(stored: StoredFile):
    """The file as a download: never rendered by the browser as a page, never sniffed."""
    response = send_file(
        file_path(stored),
        mimetype=stored.content_type,
        as_attachment=True,
        download_name=stored.original_name,
        max_age=0,
    )
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "private, no-store"
    return response
