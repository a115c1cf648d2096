"""Commitments (acuerdos) of a meeting: what was agreed, who answers for it, by when, its state."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.codes import CodeEnum, labelled
from registry.extensions import Model
from registry.i18n import lazy_gettext as _l
from registry.models_base import UTCDateTime, str_enum

if TYPE_CHECKING:
    from registry.auth.models import User
    from registry.meetings.models import Meeting
    from registry.parties.models import Party


class CommitmentStatus(CodeEnum):
    PENDIENTE = "pendiente"
    CUMPLIDO = "cumplido"
    CANCELADO = "cancelado"


COMMITMENT_STATUS_LABELS = labelled(
    CommitmentStatus,
    {
        CommitmentStatus.PENDIENTE: _l("Pendiente"),
        CommitmentStatus.CUMPLIDO: _l("Cumplido"),
        CommitmentStatus.CANCELADO: _l("Cancelado"),
    },
)


class Commitment(Model):
    """An acuerdo of a meeting: what was agreed, who answers for it, by when, and its state."""

    __tablename__ = "commitments"
    __audit_entity__ = "commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    text: Mapped[str] = mapped_column(Text)
    responsible_party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"), index=True)
    due_on: Mapped[date | None] = mapped_column(index=True)
    status: Mapped[CommitmentStatus] = mapped_column(
        str_enum(CommitmentStatus, "commitment_status"),
        default=CommitmentStatus.PENDIENTE,
        index=True,
    )
    closed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    closed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    closing_note: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="commitments")
    responsible_party: Mapped[Party | None] = relationship()
    closed_by: Mapped[User | None] = relationship()
