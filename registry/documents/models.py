"""The documents of an agreement (letter of intent, oficio, signed convenio, cabildo act…)."""

from __future__ import annotations

from datetime import date, datetime
from typing import TYPE_CHECKING

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.codes import CodeEnum, labelled
from registry.extensions import Model
from registry.i18n import lazy_gettext as _l
from registry.models_base import UTCDateTime, str_enum, utcnow

if TYPE_CHECKING:
    from registry.agreements.models import Agreement
    from registry.auth.models import User
    from registry.files.models import StoredFile


class DocumentKind(CodeEnum):
    CARTA_INTENCION = "carta_intencion"
    CONVENIO = "convenio"
    ACUERDO_RATIFICACION = "acuerdo_ratificacion"
    ACTA_CABILDO = "acta_cabildo"
    OFICIO = "oficio"
    DICTAMEN = "dictamen"
    MINUTA = "minuta"
    OTRO = "otro"


DOCUMENT_KIND_LABELS = labelled(
    DocumentKind,
    {
        DocumentKind.CARTA_INTENCION: _l("Carta de intención"),
        DocumentKind.CONVENIO: _l("Convenio"),
        DocumentKind.ACUERDO_RATIFICACION: _l("Acuerdo de ratificación"),
        DocumentKind.ACTA_CABILDO: _l("Acta de cabildo"),
        DocumentKind.OFICIO: _l("Oficio"),
        DocumentKind.DICTAMEN: _l("Dictamen"),
        DocumentKind.MINUTA: _l("Minuta"),
        DocumentKind.OTRO: _l("Otro"),
    },
)


class Document(Model):
    """A document of an agreement: letter of intent, oficio, signed convenio, cabildo act…"""

    __tablename__ = "documents"
    __audit_entity__ = "document"
    __table_args__ = (
        Index("ix_documents_kind_issued", "kind", "issued_on"),
        Index("ix_documents_issued_on", "issued_on"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agreement_id: Mapped[int] = mapped_column(ForeignKey("agreements.id"), index=True)
    kind: Mapped[DocumentKind] = mapped_column(str_enum(DocumentKind, "document_kind"))
    #: e.g. "OPM/EXT/0064/2025", "Acuerdo de Cabildo 324, acta 78".
    number: Mapped[str | None] = mapped_column(String(120))
    title: Mapped[str | None] = mapped_column(String(300))
    issued_on: Mapped[date | None]
    issuer: Mapped[str | None] = mapped_column(String(200))
    file_id: Mapped[int | None] = mapped_column(ForeignKey("stored_files.id"))
    notes: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    #: Set when moved to the recycle bin (see Agreement.deleted_at); who did it, and why.
    deleted_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deleted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    deletion_reason: Mapped[str | None] = mapped_column(Text)

    agreement: Mapped[Agreement] = relationship(back_populates="documents")
    file: Mapped[StoredFile | None] = relationship()
    deleted_by: Mapped[User | None] = relationship()
