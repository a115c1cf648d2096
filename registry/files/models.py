"""Uploaded files (scans, photos): metadata here, bytes under UPLOAD_FOLDER with a random name."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from registry.extensions import Model
from registry.models_base import UTCDateTime, utcnow


class StoredFile(Model):
    __tablename__ = "stored_files"
    __audit_entity__ = "file"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Random file name under UPLOAD_FOLDER; never derived from what the user sent.
    storage_name: Mapped[str] = mapped_column(String(80), unique=True)
    #: The name the user's file had, shown and offered on download only.
    original_name: Mapped[str] = mapped_column(String(255))
    #: Detected from the content (magic bytes), not from the name.
    content_type: Mapped[str] = mapped_column(String(50))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")
