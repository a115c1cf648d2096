"""Key/value settings that administrators change from a page, not from code."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from registry.extensions import Model
from registry.models_base import UTCDateTime, utcnow


class Setting(Model):
    __tablename__ = "settings"
    __audit_entity__ = "setting"

    #: One of ``registry.settings.services.SETTINGS`` (e.g. "report.signer_name").
    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str | None] = mapped_column(Text)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)
    updated_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
