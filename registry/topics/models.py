"""The managed list of topics (temas) agreements and meetings are tagged with."""

from __future__ import annotations

from sqlalchemy import String, event
from sqlalchemy.orm import Mapped, mapped_column

from registry.extensions import Model
from registry.text import fold


class Topic(Model):
    __tablename__ = "topics"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    #: ``fold(name)``: the importer matches topics case- and accent-insensitively.
    name_key: Mapped[str] = mapped_column(String(100), unique=True)
    active: Mapped[bool] = mapped_column(default=True)

    def __str__(self) -> str:
        return self.name


@event.listens_for(Topic.name, "set", propagate=True)
def _keep_name_key(target: Topic, value: str, oldvalue, initiator) -> None:
    target.name_key = fold(value)
