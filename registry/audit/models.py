"""The append-only audit trail: one row per write, with what changed."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import JSON, ForeignKey, Index, String, event
from sqlalchemy.orm import Mapped, Session, mapped_column, relationship

from registry.extensions import Model
from registry.models_base import UTCDateTime, utcnow

if TYPE_CHECKING:
    from registry.auth.models import User


class AuditEvent(Model):
    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), index=True)
    #: Who acted, as shown at the time: the user's email, or how a system action came in.
    actor: Mapped[str] = mapped_column(String(254))
    remote_addr: Mapped[str | None] = mapped_column(String(64))
    #: The kind of record (``user``, ``agreement`` …) and its id.
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[str | None] = mapped_column(String(50))
    #: What happened: ``create``, ``update``, ``status_change``, ``deactivate``, ``login`` …
    action: Mapped[str] = mapped_column(String(50))
    #: The changed fields before and after; ``create`` has only ``after``, removals only ``before``.
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)

    user: Mapped[User | None] = relationship("User")

    def __repr__(self) -> str:
        return f"<AuditEvent {self.action} {self.entity}#{self.entity_id}>"


class AuditTrailIsAppendOnly(RuntimeError):
    pass


@event.listens_for(Session, "before_flush")
def _refuse_audit_rewrites(session: Session, flush_context, instances) -> None:
    """Audit events are written once: an update or delete through the ORM is a bug."""
    for obj in (*session.dirty, *session.deleted):
        if isinstance(obj, AuditEvent) and (obj in session.deleted or session.is_modified(obj)):
            raise AuditTrailIsAppendOnly(f"{obj!r} cannot be changed or deleted")
