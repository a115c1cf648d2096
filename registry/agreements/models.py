"""Agreements (instrumentos de vinculación), their parties and their status history.

Their documents are ``registry.documents.models.Document``.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.agreements.status import Status
from registry.codes import CodeEnum, labelled
from registry.dates import DatePrecision
from registry.extensions import Model, db
from registry.i18n import lazy_gettext as _l
from registry.models_base import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from registry.auth.models import User
    from registry.documents.models import Document
    from registry.parties.models import Party
    from registry.topics.models import Topic


class AgreementKind(CodeEnum):
    ALIANZA = "alianza"
    HERMANAMIENTO = "hermanamiento"
    CONVENIO = "convenio"

    @property
    def folio_prefix(self) -> str:
        return {"alianza": "ALI", "hermanamiento": "HER", "convenio": "CON"}[self.value]


AGREEMENT_KIND_LABELS = labelled(
    AgreementKind,
    {
        AgreementKind.ALIANZA: _l("Alianza"),
        AgreementKind.HERMANAMIENTO: _l("Hermanamiento"),
        AgreementKind.CONVENIO: _l("Convenio"),
    },
)


agreement_topics = Table(
    "agreement_topics",
    db.metadata,
    Column("agreement_id", ForeignKey("agreements.id"), primary_key=True),
    Column("topic_id", ForeignKey("topics.id"), primary_key=True, index=True),
)


class Agreement(Model):
    __tablename__ = "agreements"
    __audit_entity__ = "agreement"
    # Lists filter "not in the bin" and sort by the last act: these indexes let a page of 25 read
    # 25 rows even at 100,000 agreements (a plain index on deleted_at, NULL on nearly every row,
    # misled SQLite's planner into sorting the whole table).
    __table_args__ = (
        Index("ix_agreements_last_act", "status_date", "id"),
        Index("ix_agreements_status_last_act", "status", "status_date", "id"),
        Index("ix_agreements_kind_last_act", "kind", "status_date", "id"),
        Index("ix_agreements_title", "title", "id"),
        Index(
            "ix_agreements_in_bin",
            "deleted_at",
            sqlite_where=text("deleted_at IS NOT NULL"),
            postgresql_where=text("deleted_at IS NOT NULL"),
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Human-readable and unique, proposed as e.g. HER-2025-003.
    folio: Mapped[str] = mapped_column(String(30), unique=True)
    kind: Mapped[AgreementKind] = mapped_column(str_enum(AgreementKind, "agreement_kind"))
    title: Mapped[str] = mapped_column(String(300))
    objective: Mapped[str | None] = mapped_column(Text)
    #: The current status; changed only through the lifecycle service.
    status: Mapped[Status] = mapped_column(str_enum(Status, "agreement_status"))
    #: Date of the act that set the current status (and how precise it is).
    status_date: Mapped[date | None]
    status_date_precision: Mapped[DatePrecision] = mapped_column(
        str_enum(DatePrecision, "status_date_precision"), default=DatePrecision.DAY
    )
    #: Date of the first act that reached firmado or ratificado and still stands (kept by the
    #: lifecycle service: ``status.formalization_date``), and its precision.
    formalized_on: Mapped[date | None] = mapped_column(index=True)
    formalized_on_precision: Mapped[DatePrecision] = mapped_column(
        str_enum(DatePrecision, "formalized_on_precision"), default=DatePrecision.DAY
    )
    responsible_unit: Mapped[str | None] = mapped_column(String(200))
    responsible_person: Mapped[str | None] = mapped_column(String(200))
    valid_from: Mapped[date | None]
    valid_until: Mapped[date | None] = mapped_column(index=True)
    notes: Mapped[str | None] = mapped_column(Text)
    # Transparency (SIPOT, Art. 70 fr. XXXIII) and, for foreign counterparts, the SRE's record.
    #: A ``transparency.SipotType`` code chosen by hand; None: derived from kind and parties.
    sipot_type: Mapped[str | None] = mapped_column(String(40))
    #: "Fuente de los recursos que se emplearán" (often "No aplica").
    resources_source: Mapped[str | None] = mapped_column(String(300))
    #: "Descripción y/o monto de los recursos públicos entregados".
    resources_description: Mapped[str | None] = mapped_column(Text)
    #: Publication in the DOF, the state's Periódico Oficial or another official medium.
    published_on: Mapped[date | None]
    #: Public URL of the signed document (its public version).
    document_url: Mapped[str | None] = mapped_column(String(500))
    #: Public URL of the document with its amendments.
    amendments_url: Mapped[str | None] = mapped_column(String(500))
    #: The "Nota" column of the transparency format (e.g. why a field is empty).
    transparency_note: Mapped[str | None] = mapped_column(Text)
    #: Secretaría de Relaciones Exteriores: number and date of its dictamen de procedencia.
    sre_opinion: Mapped[str | None] = mapped_column(String(120))
    sre_opinion_on: Mapped[date | None]
    #: Number and date of inscription in the SRE's Registro de Acuerdos Interinstitucionales.
    sre_registry_number: Mapped[str | None] = mapped_column(String(120))
    sre_registered_on: Mapped[date | None]
    #: ``fold()`` of folio, title and objective, kept by the services: what the accent-insensitive
    #: text search compares. Party names are matched through ``Party.name_key`` instead, so a
    #: renamed party is found by its new name without touching its agreements.
    search_text: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Indexed: its maximum is part of the cheap "has anything changed" key of cached figures.
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, default=utcnow, onupdate=utcnow, index=True
    )
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    #: Set when moved to the recycle bin; such rows are hidden everywhere but the bin.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Who moved it to the recycle bin, and why (both cleared when an admin restores it).
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    deletion_reason: Mapped[str | None] = mapped_column(Text)
    #: Optimistic-locking counter: a save based on an older version is refused.
    version: Mapped[int] = mapped_column(default=1)

    parties: Mapped[list[AgreementParty]] = relationship(
        back_populates="agreement", cascade="all, delete-orphan", order_by="AgreementParty.id"
    )
    topics: Mapped[list[Topic]] = relationship(secondary=agreement_topics, order_by="Topic.name")
    status_changes: Mapped[list[StatusChange]] = relationship(
        back_populates="agreement",
        cascade="all, delete-orphan",
        order_by="(StatusChange.acted_on, StatusChange.id)",
    )
    #: Every document, by date, those in the recycle bin included (see ``visible_documents``).
    documents: Mapped[list[Document]] = relationship(
        back_populates="agreement",
        cascade="all, delete-orphan",
        order_by="(Document.issued_on, Document.id)",
    )
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    deleted_by: Mapped[User | None] = relationship(foreign_keys=[deleted_by_id])

    __mapper_args__ = {"version_id_col": version}

    def __repr__(self) -> str:
        return f"<Agreement {self.folio} {self.status}>"

    @property
    def visible_documents(self) -> list[Document]:
        """The documents not in the recycle bin, by date."""
        return [document for document in self.documents if document.deleted_at is None]


def precision_column(name: str):
    """A date's precision column (day, month or quarter), with its own named CHECK."""
    return mapped_column(str_enum(DatePrecision, name), default=DatePrecision.DAY)


class AgreementParty(Model):
    """One party's place in an agreement: its role and its own acts (signature, ratification,
    withdrawal), each dated as precisely as its document, or none: nothing is filled in that
    nobody entered. ``status.party_status`` reads them."""

    __tablename__ = "agreement_parties"
    __table_args__ = (UniqueConstraint("agreement_id", "party_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), index=True)
    #: e.g. "Contraparte", "Coordinación", "Testigo".
    role: Mapped[str | None] = mapped_column(String(100))
    signed_on: Mapped[date | None]
    signed_on_precision: Mapped[DatePrecision] = precision_column("signed_on_precision")
    ratified_on: Mapped[date | None]
    ratified_on_precision: Mapped[DatePrecision] = precision_column("ratified_on_precision")
    #: The party withdrew from the agreement (it no longer takes part from then on).
    withdrawn_on: Mapped[date | None]
    withdrawn_on_precision: Mapped[DatePrecision] = precision_column("withdrawn_on_precision")
    #: Who signs for the party (name and post), as the transparency format asks.
    signatory: Mapped[str | None] = mapped_column(String(300))

    agreement: Mapped[Agreement] = relationship(back_populates="parties")
    party: Mapped[Party] = relationship()


class StatusChange(Model):
    """One move of the lifecycle: the act's date, who recorded it and when, and why."""

    __tablename__ = "status_changes"
    __table_args__ = (
        Index("ix_status_changes_agreement_acted", "agreement_id", "acted_on"),
        Index("ix_status_changes_to_acted", "to_status", "acted_on"),
        Index("ix_status_changes_acted_on", "acted_on"),
        Index("ix_status_changes_recorded_at", "recorded_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"))
    #: None for the first status an agreement was recorded with.
    from_status: Mapped[Status | None] = mapped_column(str_enum(Status, "from_status"))
    to_status: Mapped[Status] = mapped_column(str_enum(Status, "to_status"))
    #: The date of the act (signature, letter, session), never later than the day it was typed:
    #: with month or quarter precision, the first day of that month or quarter.
    acted_on: Mapped[date]
    acted_on_precision: Mapped[DatePrecision] = precision_column("acted_on_precision")
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    note: Mapped[str | None] = mapped_column(Text)
    #: Required for cancellations and corrections.
    reason: Mapped[str | None] = mapped_column(Text)
    #: A backward move made by an admin to correct the record.
    is_correction: Mapped[bool] = mapped_column(default=False)
    evidence_document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"))

    agreement: Mapped[Agreement] = relationship(back_populates="status_changes")
    recorded_by: Mapped[User | None] = relationship()
    evidence: Mapped[Document | None] = relationship()
