"""A new database holds the ZMO municipalities and the initial topics from its first migration."""

from __future__ import annotations

import sqlalchemy as sa

from registry.extensions import db
from registry.parties.models import Party, PartyKind
from registry.reference import ensure_reference_data
from registry.topics.models import Topic
from tests.conftest import row_count


def municipality(cvegeo: str) -> Party:
    return db.session.scalar(sa.select(Party).where(Party.cvegeo == cvegeo))


def test_zmo_municipalities_under_both_delimitations(app):
    zmo_2015 = db.session.scalar(sa.select(sa.func.count()).where(Party.zmo_2015.is_(True)))
    zmo_2020 = db.session.scalar(sa.select(sa.func.count()).where(Party.zmo_2020.is_(True)))
    assert (zmo_2015, zmo_2020) == (24, 26)
    slc = municipality("20390")
    assert slc.name == "Santa Lucía del Camino" and slc.kind == PartyKind.MUNICIPIO
    assert slc.is_zmo and not slc.is_self
    assert 16.9 < slc.latitude < 17.3 and -96.9 < slc.longitude < -96.5


def test_oaxaca_de_juarez_is_us(app):
    assert municipality("20067").is_self


def test_partner_municipalities_outside_oaxaca_keep_leading_zeros(app):
    ensenada = municipality("02001")
    assert ensenada.name == "Ensenada" and ensenada.state == "Baja California"
    assert not ensenada.is_zmo
    assert municipality("23001").name == "Cozumel"


def test_delimitation_is_configurable(app):
    app.config["ZMO_DELIMITATION"] = "2015"
    assert not municipality("20023").is_zmo  # Cuilápam de Guerrero joined in 2020
    app.config["ZMO_DELIMITATION"] = "2020"
    assert municipality("20023").is_zmo


def test_reference_data_is_idempotent(app):
    parties, topics = row_count(Party), row_count(Topic)
    assert ensure_reference_data(db.session.connection()) == {"municipios": 0, "temas": 0}
    assert (row_count(Party), row_count(Topic)) == (parties, topics) == (29, 15)
