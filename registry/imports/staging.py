"""Keeping an uploaded workbook between the preview and the confirmation, without server memory.

Several workers serve the app, so the file cannot wait in one process's memory, and asking the
user to upload it again on "Confirmar" invites confirming a different file than the one
previewed. The upload is written under ``UPLOAD_FOLDER/imports/`` with a random name; the
confirmation form carries a token signed with the app's secret key naming that file, its SHA-256
and the user who uploaded it. Confirming checks all three, imports, and deletes the file. Files
older than a day (previews never confirmed) are deleted at the next upload.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeTimedSerializer

from registry.errors import DomainError
from registry.files.services import safe_display_name, upload_folder

SUBFOLDER = "imports"
#: How long a preview may wait for its confirmation (seconds).
MAX_AGE = 24 * 60 * 60
_NAME = re.compile(r"^[0-9a-f]{32}$")


@dataclass(frozen=True)
class StagedUpload:
    name: str
    filename: str
    content: bytes


def _folder() -> Path:
    folder = upload_folder() / SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="registry-import-upload")


def stage(content: bytes, filename: str | None, user_id: int) -> str:
    """Keep ``content`` for its confirmation; returns the token the confirmation form carries."""
    purge_expired()
    name = secrets.token_hex(16)
    fd = os.open(_folder() / f"{name}.xlsx", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    payload = {
        "name": name,
        "sha256": hashlib.sha256(content).hexdigest(),
        "user": user_id,
        "filename": safe_display_name(filename, ".xlsx"),
    }
    return _serializer().dumps(payload)


def load(token: str, user_id: int) -> StagedUpload:
    """The upload a token names, if it is still there, unchanged, and this user's."""
    expired = DomainError(
        _("La vista previa caducó o ya se importó. Suba el archivo otra vez."), "token"
    )
    try:
        payload = _serializer().loads(token or "", max_age=MAX_AGE)
    except BadSignature:  # SignatureExpired is one too
        raise expired from None
    name = str(payload.get("name", ""))
    if not _NAME.match(name) or payload.get("user") != user_id:
        raise expired
    try:
        content = (_folder() / f"{name}.xlsx").read_bytes()
    except FileNotFoundError:
        raise expired from None
    if hashlib.sha256(content).hexdigest() != payload.get("sha256"):
        raise expired
    return StagedUpload(name, str(payload.get("filename") or ""), content)


def discard(upload: StagedUpload) -> None:
    """Delete a confirmed upload."""
    (_folder() / f"{upload.name}.xlsx").unlink(missing_ok=True)


def purge_expired(now: float | None = None) -> int:
    """Delete uploads older than ``MAX_AGE``; returns how many."""
    limit = (now or time.time()) - MAX_AGE
    removed = 0
    for path in _folder().glob("*.xlsx"):
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another worker got there first
            continue
    return removed
