"""MIR indicators (Matriz de Indicadores para Resultados) and their annual goals."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.codes import CodeEnum, labelled
from registry.extensions import Model
from registry.i18n import lazy_gettext as _l
from registry.models_base import str_enum


class IndicatorSource(CodeEnum):
    """What an indicator counts."""

    MEETINGS = "meetings"
    AGREEMENTS = "agreements"


SOURCE_LABELS = labelled(
    IndicatorSource,
    {
        IndicatorSource.MEETINGS: _l("Reuniones y eventos"),
        IndicatorSource.AGREEMENTS: _l("Instrumentos"),
    },
)


class Indicator(Model):
    __tablename__ = "indicators"
    __audit_entity__ = "indicator"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: e.g. "12", "12.1".
    code: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    #: e.g. "08 - Gobierno Innovador y Tecnológico".
    program: Mapped[str | None] = mapped_column(String(200))
    #: e.g. "Componente 12", "Actividad 12.1".
    level: Mapped[str | None] = mapped_column(String(100))
    source: Mapped[IndicatorSource] = mapped_column(str_enum(IndicatorSource, "indicator_source"))
    #: Meetings: the kinds for which this is the default indicator of a new meeting.
    meeting_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Agreements: which kinds and statuses count (empty list = any).
    agreement_kinds: Mapped[list[str]] = mapped_column(JSON, default=list)
    agreement_statuses: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: Meetings: only those with at least one outside party (not us, not our own areas).
    needs_outside_party: Mapped[bool] = mapped_column(default=True)
    #: Meetings: only those with at least one ZMO municipality among the parties (12.2).
    needs_zmo_municipality: Mapped[bool] = mapped_column(default=False)
    description: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)

    goals: Mapped[list[IndicatorGoal]] = relationship(
        back_populates="indicator", cascade="all, delete-orphan", order_by="IndicatorGoal.year"
    )

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def goal_for(self, year: int) -> int | None:
        return next((goal.annual_goal for goal in self.goals if goal.year == year), None)

    def rule(self) -> dict[str, Any]:
        return {
            "source": self.source.value,
            "meeting_kinds": self.meeting_kinds,
            "agreement_kinds": self.agreement_kinds,
            "agreement_statuses": self.agreement_statuses,
            "needs_outside_party": self.needs_outside_party,
            "needs_zmo_municipality": self.needs_zmo_municipality,
        }


class IndicatorGoal(Model):
    __tablename__ = "indicator_goals"
    __table_args__ = (UniqueConstraint("indicator_id", "year"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    indicator_id: Mapped[int] = mapped_column(ForeignKey("indicators.id"))
    year: Mapped[int]
    annual_goal: Mapped[int]

    indicator: Mapped[Indicator] = relationship(back_populates="goals")
