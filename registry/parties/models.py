"""Parties (contrapartes): who the municipality deals with, and municipal geography."""

from __future__ import annotations

from datetime import datetime

from flask import current_app
from sqlalchemy import CheckConstraint, ForeignKey, Index, String, Text, event, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from registry.codes import CodeEnum, labelled
from registry.extensions import Model
from registry.i18n import lazy_gettext as _l
from registry.models_base import UTCDateTime, str_enum, utcnow
from registry.text import fold

#: INEGI key of Oaxaca de Juárez: "us", never a counterpart.
OAXACA_DE_JUAREZ = "20067"


class PartyKind(CodeEnum):
    MUNICIPIO = "municipio"
    ESTATAL = "estatal"
    FEDERAL = "federal"
    ORGANISMO = "organismo"
    ACADEMICA = "academica"
    SOCIAL = "social"
    PRIVADA = "privada"
    EXTRANJERA = "extranjera"


PARTY_KIND_LABELS = labelled(
    PartyKind,
    {
        PartyKind.MUNICIPIO: _l("Municipio"),
        PartyKind.ESTATAL: _l("Dependencia estatal"),
        PartyKind.FEDERAL: _l("Dependencia federal"),
        PartyKind.ORGANISMO: _l("Organismo"),
        PartyKind.ACADEMICA: _l("Institución académica"),
        PartyKind.SOCIAL: _l("Organización social"),
        PartyKind.PRIVADA: _l("Sector privado"),
        PartyKind.EXTRANJERA: _l("Ciudad extranjera"),
    },
)


class Party(Model):
    __tablename__ = "parties"
    __audit_entity__ = "party"
    __table_args__ = (
        # One name per kind, except municipalities: INEGI has homonyms even within a state
        # (San Juan Mixtepec is both 20208 and 20209); a municipality's identity is its CVEGEO.
        Index(
            "uq_parties_kind_name_key",
            "kind",
            "name_key",
            unique=True,
            sqlite_where=text("kind <> 'municipio'"),
            postgresql_where=text("kind <> 'municipio'"),
        ),
        CheckConstraint("cvegeo IS NULL OR kind = 'municipio'", name="cvegeo_only_municipio"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[PartyKind] = mapped_column(str_enum(PartyKind, "party_kind"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    #: ``fold(name)``: what duplicate checks and accent-insensitive search compare.
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    acronym: Mapped[str | None] = mapped_column(String(40))
    #: INEGI key (state + municipality, 5 characters) of a Mexican municipality.
    cvegeo: Mapped[str | None] = mapped_column(String(5), unique=True)
    #: State name for Mexican parties ("Oaxaca", "Quintana Roo"); None for foreign ones.
    state: Mapped[str | None] = mapped_column(String(60), index=True)
    country: Mapped[str] = mapped_column(String(80), default="México")
    #: Membership of the Zona Metropolitana de Oaxaca under each official delimitation.
    zmo_2015: Mapped[bool] = mapped_column(default=False)
    zmo_2020: Mapped[bool] = mapped_column(default=False)
    #: Oaxaca de Juárez itself: drawn on the map as "us", never offered as a counterpart.
    is_self: Mapped[bool] = mapped_column(default=False)
    #: Representative point (EPSG:4326), inside the polygon once boundaries are imported.
    latitude: Mapped[float | None]
    longitude: Mapped[float | None]
    #: Censo de Población y Vivienda 2020, from the INEGI import.
    population: Mapped[int | None]
    website: Mapped[str | None] = mapped_column(String(300))
    notes: Mapped[str | None] = mapped_column(Text)
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    boundary: Mapped[PartyBoundary | None] = relationship(
        back_populates="party", cascade="all, delete-orphan", lazy="raise_on_sql"
    )

    def __repr__(self) -> str:
        return f"<Party {self.kind} {self.name}>"

    def __str__(self) -> str:
        return self.name

    @property
    def is_zmo(self) -> bool:
        """Member of the ZMO under the configured delimitation (``ZMO_DELIMITATION``)."""
        return self.zmo_2015 if zmo_delimitation() == "2015" else self.zmo_2020

    @classmethod
    def zmo_column(cls):
        """The membership column of the configured delimitation, for queries."""
        return cls.zmo_2015 if zmo_delimitation() == "2015" else cls.zmo_2020


def zmo_delimitation() -> str:
    """'2020' (Metrópolis de México 2020, the default) or '2015' (Delimitación 2015)."""
    return str(current_app.config.get("ZMO_DELIMITATION", "2020"))


@event.listens_for(Party.name, "set", propagate=True)
def _keep_name_key(target: Party, value: str, oldvalue, initiator) -> None:
    target.name_key = fold(value)


class PartyBoundary(Model):
    """A municipality's imported INEGI polygon, simplified for the web.

    Kept apart from ``parties`` so lists and joins never carry the geometry; geopandas/shapely
    read and write it as GeoJSON text (no PostGIS needed).
    """

    __tablename__ = "party_boundaries"

    party_id: Mapped[int] = mapped_column(ForeignKey("parties.id"), primary_key=True)
    #: GeoJSON geometry (Polygon/MultiPolygon, EPSG:4326), simplified as a coverage.
    geojson: Mapped[str] = mapped_column(Text)
    #: Area in km² of the original polygon, computed in EPSG:6372.
    area_km2: Mapped[float | None]
    source: Mapped[str] = mapped_column(String(300))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    party: Mapped[Party] = relationship(back_populates="boundary")


class BoundaryLayer(Model):
    """Which INEGI layer the polygons in ``party_boundaries`` come from: one row, whose ``token``
    every import that changes a polygon replaces (``boundaries.save_municipalities``).

    The token is what each worker keeps its parsed copy of the polygons under
    (``parties.layers``): a random value, not a timestamp or a counter, so that no two imports,
    databases or restores share one.
    """

    __tablename__ = "boundary_layer"

    #: Always ``LAYER_ROW``: the table holds one row.
    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    token: Mapped[str] = mapped_column(String(32))
    #: The file of the last import that changed a polygon.
    source: Mapped[str] = mapped_column(String(300))
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


#: The id of ``boundary_layer``'s one row.
LAYER_ROW = 1
