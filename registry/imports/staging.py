"""Keeping an uploaded workbook, and the work done on it, between the upload and the confirmation.

Several workers (or hosts) serve the app, so nothing waits in one process's memory, and asking
the user to upload the file again on "Confirmar" invites confirming a different file than the one
previewed. The upload is written under ``UPLOAD_FOLDER/imports/`` with a random name; the
confirmation form carries a token signed with the app's secret key naming that file, its SHA-256
and the user who uploaded it. Beside it, ``<name>.json`` holds the state of the work on it (see
``registry.imports.jobs``): the check in progress and how far it got, then the preview it gave,
then the import. The preview is computed once per upload and read from there on every view of
the page until it is confirmed (the import) or discarded. Confirming or discarding deletes both
files; files older than a day (previews never confirmed) are deleted at the next upload.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

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
    user_id: int


def _folder() -> Path:
    folder = upload_folder() / SUBFOLDER
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _serializer() -> URLSafeTimedSerializer:
    key = current_app.secret_key
    if key is None:
        raise RuntimeError("SECRET_KEY is not set")
    return URLSafeTimedSerializer(key, salt="registry-import-upload")


def stage(content: bytes, filename: str | None, user_id: int) -> tuple[str, StagedUpload]:
    """Keep ``content`` for its preview and confirmation; returns the token the pages carry."""
    purge_expired()
    name = secrets.token_hex(16)
    fd = os.open(_folder() / f"{name}.xlsx", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o640)
    with os.fdopen(fd, "wb") as handle:
        handle.write(content)
    shown = safe_display_name(filename, ".xlsx")
    payload = {
        "name": name,
        "sha256": hashlib.sha256(content).hexdigest(),
        "user": user_id,
        "filename": shown,
    }
    return _serializer().dumps(payload), StagedUpload(name, shown, content, user_id)


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
    return StagedUpload(name, str(payload.get("filename") or ""), content, user_id)


def read_state(upload: StagedUpload) -> dict[str, Any]:
    """What has been done with the upload so far (empty: nothing yet)."""
    try:
        return json.loads((_folder() / f"{upload.name}.json").read_text(encoding="utf-8"))
    except (FileNotFoundError, json.JSONDecodeError):
        return {}


def write_state(upload: StagedUpload, **state: Any) -> None:
    """Replace the upload's state at once (readers never see a half-written file)."""
    state["updated_at"] = time.time()
    final = _folder() / f"{upload.name}.json"
    partial = final.with_name(f".{upload.name}.{secrets.token_hex(4)}.json")
    partial.write_text(json.dumps(state, ensure_ascii=False), encoding="utf-8")
    os.replace(partial, final)


def claim_import(upload: StagedUpload) -> bool:
    """True for the first caller only: a second click on "Confirmar" (in any worker) must not
    start a second import of the same upload."""
    try:
        os.close(os.open(_folder() / f"{upload.name}.import", os.O_WRONLY | os.O_CREAT | os.O_EXCL))
    except FileExistsError:
        return False
    return True


def discard(upload: StagedUpload) -> None:
    """Delete an upload and its state (imported, or discarded by its user)."""
    for suffix in (".xlsx", ".json", ".import"):
        (_folder() / f"{upload.name}{suffix}").unlink(missing_ok=True)


def purge_expired(now: float | None = None) -> int:
    """Delete uploads (and their states) older than ``MAX_AGE``; returns how many files."""
    limit = (now or time.time()) - MAX_AGE
    removed = 0
    for path in [*_folder().glob("*.xlsx"), *_folder().glob("*.json"), *_folder().glob("*.import")]:
        try:
            if path.stat().st_mtime < limit:
                path.unlink()
                removed += 1
        except FileNotFoundError:  # another worker got there first
            continue
    return removed
