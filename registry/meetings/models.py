"""Meetings (reuniones y eventos metropolitanos) and their evidence; their commitments are
``registry.commitments.models.Commitment``."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.codes import CodeEnum, labelled
from registry.extensions import Model, db
from registry.i18n import lazy_gettext as _l
from registry.models_base import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from registry.agreements.models import Agreement
    from registry.areas.models import Area
    from registry.auth.models import User
    from registry.commitments.models import Commitment
    from registry.files.models import StoredFile
    from registry.indicators.models import Indicator
    from registry.parties.models import Party
    from registry.topics.models import Topic


class MeetingKind(CodeEnum):
    REUNION_TRABAJO = "reunion_trabajo"
    MESA_SEGURIDAD = "mesa_seguridad"
    MANDO_COORDINADO = "mando_coordinado"
    RECORRIDO = "recorrido"
    OTRO = "otro"


MEETING_KIND_LABELS = labelled(
    MeetingKind,
    {
        MeetingKind.REUNION_TRABAJO: _l("Reunión de trabajo"),
        MeetingKind.MESA_SEGURIDAD: _l("Mesa de seguridad"),
        MeetingKind.MANDO_COORDINADO: _l("Mando coordinado"),
        MeetingKind.RECORRIDO: _l("Recorrido"),
        MeetingKind.OTRO: _l("Otro"),
    },
)


class MeetingState(CodeEnum):
    """Whether a meeting happened: only ``realizada`` meetings count anywhere."""

    PROGRAMADA = "programada"
    REALIZADA = "realizada"
    CANCELADA = "cancelada"


MEETING_STATE_LABELS = labelled(
    MeetingState,
    {
        MeetingState.PROGRAMADA: _l("Programada"),
        MeetingState.REALIZADA: _l("Realizada"),
        MeetingState.CANCELADA: _l("Cancelada"),
    },
)


class EvidenceKind(CodeEnum):
    FOTO = "foto"
    LISTA_ASISTENCIA = "lista_asistencia"
    DOCUMENTO = "documento"
    ENLACE = "enlace"


EVIDENCE_KIND_LABELS = labelled(
    EvidenceKind,
    {
        EvidenceKind.FOTO: _l("Fotografía"),
        EvidenceKind.LISTA_ASISTENCIA: _l("Lista de asistencia"),
        EvidenceKind.DOCUMENTO: _l("Documento"),
        EvidenceKind.ENLACE: _l("Publicación en redes sociales"),
    },
)


meeting_parties = Table(
    "meeting_parties",
    db.metadata,
    Column("meeting_id", ForeignKey("meetings.id"), primary_key=True),
    Column("party_id", ForeignKey("parties.id"), primary_key=True, index=True),
)

#: Which of our own areas took part (never parties: see ``registry.areas``).
meeting_areas = Table(
    "meeting_areas",
    db.metadata,
    Column("meeting_id", ForeignKey("meetings.id"), primary_key=True),
    Column("area_id", ForeignKey("areas.id"), primary_key=True, index=True),
)

meeting_topics = Table(
    "meeting_topics",
    db.metadata,
    Column("meeting_id", ForeignKey("meetings.id"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id"), primary_key=True, index=True),
)

meeting_agreements = Table(
    "meeting_agreements",
    db.metadata,
    Column("meeting_id", ForeignKey("meetings.id"), primary_key=True),
    Column("agreement_id", ForeignKey("agreements.id"), primary_key=True, index=True),
)


class Meeting(Model):
    __tablename__ = "meetings"
    __audit_entity__ = "meeting"
    # Lists show the latest first, optionally of one kind or indicator (see Agreement's note).
    __table_args__ = (
        Index("ix_meetings_first_date", "first_date", "id"),
        Index("ix_meetings_kind_first_date", "kind", "first_date", "id"),
        Index("ix_meetings_indicator_first_date", "indicator_id", "first_date", "id"),
        Index(
            "ix_meetings_in_bin",
            "deleted_at",
            sqlite_where=text("deleted_at IS NOT NULL"),
            postgresql_where=text("deleted_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    folio: Mapped[str] = mapped_column(String(30), unique=True)
    kind: Mapped[MeetingKind] = mapped_column(str_enum(MeetingKind, "meeting_kind"))
    title: Mapped[str] = mapped_column(String(300))
    #: The earliest of its dates: the meeting belongs to this date's quarter (kept by services).
    first_date: Mapped[date]
    start_time: Mapped[time | None]
    #: programada, realizada or cancelada (with ``cancellation_reason``).
    state: Mapped[MeetingState] = mapped_column(
        str_enum(MeetingState, "meeting_state"), default=MeetingState.REALIZADA
    )
    cancellation_reason: Mapped[str | None] = mapped_column(Text)
    place: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str | None] = mapped_column(Text)
    #: ``fold`` of folio, title, place, description and people: what text search compares.
    search_key: Mapped[str] = mapped_column(Text, default="")
    #: The MIR indicator this meeting counts for.
    indicator_id: Mapped[int | None] = mapped_column(ForeignKey("indicators.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Set when moved to the recycle bin: hidden everywhere but the bin; who did it, and why.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    deletion_reason: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(default=1)

    dates: Mapped[list[MeetingDate]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingDate.day"
    )
    parties: Mapped[list[Party]] = relationship(secondary=meeting_parties, order_by="Party.name")
    #: Our own areas that took part; they are not counterparts.
    areas: Mapped[list[Area]] = relationship(secondary=meeting_areas, order_by="Area.name")
    topics: Mapped[list[Topic]] = relationship(secondary=meeting_topics, order_by="Topic.name")
    agreements: Mapped[list[Agreement]] = relationship(
        secondary=meeting_agreements, order_by="Agreement.folio"
    )
    people: Mapped[list[MeetingPerson]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="MeetingPerson.id"
    )
    commitments: Mapped[list[Commitment]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Commitment.id"
    )
    evidence: Mapped[list[Evidence]] = relationship(
        back_populates="meeting", cascade="all, delete-orphan", order_by="Evidence.id"
    )
    indicator: Mapped[Indicator | None] = relationship()
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    deleted_by: Mapped[User | None] = relationship(foreign_keys=[deleted_by_id])

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Meeting {self.folio} {self.first_date}>"

    @property
    def last_date(self) -> date:
        return max((row.day for row in self.dates), default=self.first_date)


class MeetingDate(Model):
    """One day of a meeting; a joint inspection on 15 and 22 May is one meeting, two dates."""

    __tablename__ = "meeting_dates"
    __table_args__ = (UniqueConstraint("meeting_id", "day"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    day: Mapped[date] = mapped_column(index=True)

    meeting: Mapped[Meeting] = relationship(back_populates="dates")


class MeetingPerson(Model):
    """A named participant and the post they held, optionally tied to their party."""

    __tablename__ = "meeting_people"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    post: Mapped[str | None] = mapped_column(String(300))
    party_id: Mapped[int | None] = mapped_column(ForeignKey("parties.id"))

    meeting: Mapped[Meeting] = relationship(back_populates="people")
    party: Mapped[Party | None] = relationship()


class Evidence(Model):
    """A photo, attendance list or scan (a stored file), or a link to a social-media post."""

    __tablename__ = "evidence"
    __audit_entity__ = "evidence"

    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(ForeignKey("meetings.id"), index=True)
    kind: Mapped[EvidenceKind] = mapped_column(str_enum(EvidenceKind, "evidence_kind"))
    title: Mapped[str | None] = mapped_column(String(300))
    url: Mapped[str | None] = mapped_column(String(500))
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Set when moved to the recycle bin; who did it, and why.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    deletion_reason: Mapped[str | None] = mapped_column(Text)

    meeting: Mapped[Meeting] = relationship(back_populates="evidence")
    file: Mapped[StoredFile | None] = relationship()
    deleted_by: Mapped[User | None] = relationship()
