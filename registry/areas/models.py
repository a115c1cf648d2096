"""An area of the municipality itself (secretaría, instituto, órgano auxiliar…)."""

from __future__ import annotations

from sqlalchemy import String, event
from sqlalchemy.orm import Mapped, mapped_column

from registry.codes import CodeEnum, labelled
from registry.extensions import Model
from registry.i18n import lazy_gettext as _l
from registry.models_base import str_enum
from registry.text import fold


class AreaKind(CodeEnum):
    SECRETARIA = "secretaria"
    INSTITUTO = "instituto"
    ORGANO_AUXILIAR = "organo_auxiliar"
    OTRA = "otra"


AREA_KIND_LABELS = labelled(
    AreaKind,
    {
        AreaKind.SECRETARIA: _l("Secretaría"),
        AreaKind.INSTITUTO: _l("Instituto"),
        AreaKind.ORGANO_AUXILIAR: _l("Órgano auxiliar"),
        AreaKind.OTRA: _l("Otra"),
    },
)


class Area(Model):
    """One of our own areas; never a party (a meeting records them apart from its parties)."""

    __tablename__ = "areas"
    __audit_entity__ = "area"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    #: ``fold(name)``: names are unique without case or accents.
    name_key: Mapped[str] = mapped_column(String(200), unique=True)
    kind: Mapped[AreaKind] = mapped_column(str_enum(AreaKind, "area_kind"))
    email: Mapped[str | None] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(default=True)

    def __str__(self) -> str:
        return self.name


@event.listens_for(Area.name, "set", propagate=True)
def _keep_name_key(target: Area, value: str, oldvalue, initiator) -> None:
    target.name_key = fold(value)
