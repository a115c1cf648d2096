"""The registry's parties, topics and MIR indicators, loaded once per import for dict lookups.

A workbook of thousands of rows names the same few parties over and over: one query per
catalogue, then dictionaries, instead of a query per cell. Every lookup raises ``CellError`` with
the Spanish reason a user can act on (an unknown name is an error, never a silent new record).
An inactive entry is accepted only where the record already has it, as the forms do.
"""

from __future__ import annotations

import re
from collections import defaultdict

from flask_babel import gettext as _
from sqlalchemy import select

from registry.extensions import db
from registry.imports.cells import CellError
from registry.imports.spec import NO_INDICATOR
from registry.indicators.models import Indicator, IndicatorSource
from registry.meetings.models import MeetingKind
from registry.meetings.services import default_indicator
from registry.parties.models import Party
from registry.text import fold
from registry.topics.models import Topic

_CVEGEO = re.compile(r"^\d{4,5}$")  # Excel drops the leading zero of 02001


class Catalog:
    def __init__(self) -> None:
        parties = db.session.scalars(select(Party)).all()
        self.by_cvegeo = {party.cvegeo: party for party in parties if party.cvegeo}
        self.by_name: dict[str, list[Party]] = defaultdict(list)
        self.by_acronym: dict[str, list[Party]] = defaultdict(list)
        for party in parties:
            self.by_name[party.name_key].append(party)
            if party.acronym:
                self.by_acronym[fold(party.acronym)].append(party)
        self.topics = {topic.name_key: topic for topic in db.session.scalars(select(Topic))}
        self.indicators = {i.code: i for i in db.session.scalars(select(Indicator))}
        self._defaults: dict[MeetingKind, Indicator | None] = {}

    def parties(self, names: list[str], keep: frozenset[int] = frozenset()) -> list[Party]:
        """The parties named (CVEGEO or exact name), in order; CellError naming every bad one."""
        found, problems = [], []
        for name in names:
            try:
                party = self.party(name, keep)
            except CellError as error:
                problems.append(str(error))
                continue
            if party in found:
                problems.append(_("«%(n)s» aparece dos veces.", n=name))
            else:
                found.append(party)
        if problems:
            raise CellError(" ".join(problems))
        return found

    def party(self, name: str, keep: frozenset[int] = frozenset()) -> Party:
        if _CVEGEO.match(name):
            party = self.by_cvegeo.get(name.zfill(5))
            if party is None:
                raise CellError(_("No hay ningún municipio con la clave INEGI %(c)s.", c=name))
        else:
            party = self._by_name(name)
        if party.is_self:
            raise CellError(_("%(n)s es el propio municipio, no una contraparte.", n=party.name))
        if not party.active and party.id not in keep:
            raise CellError(
                _("La contraparte «%(n)s» está desactivada en el catálogo.", n=party.name)
            )
        return party

    def _by_name(self, name: str) -> Party:
        matches = self.by_name.get(fold(name), [])
        if len(matches) == 1:
            return matches[0]
        if matches:
            keys = ", ".join(sorted(party.cvegeo or "?" for party in matches))
            raise CellError(
                _(
                    "Hay varias contrapartes llamadas «%(n)s» (%(keys)s): escriba la clave INEGI.",
                    n=name,
                    keys=keys,
                )
            )
        message = _(
            "No hay ninguna contraparte llamada «%(n)s» en el catálogo: regístrela primero en "
            "Contrapartes o escriba su nombre exacto o su clave INEGI.",
            n=name,
        )
        acronym = self.by_acronym.get(fold(name), [])
        if len(acronym) == 1:
            message += " " + _("¿Quiso decir «%(n)s»?", n=acronym[0].name)
        raise CellError(message)

    def topics_named(self, names: list[str], keep: frozenset[int] = frozenset()) -> list[Topic]:
        """The topics of the managed list named (ignoring case and accents)."""
        found, problems = [], []
        for name in names:
            topic = self.topics.get(fold(name))
            if topic is None:
                problems.append(
                    _("El tema «%(n)s» no está en la lista de temas del registro.", n=name)
                )
            elif not topic.active and topic.id not in keep:
                problems.append(_("El tema «%(n)s» está desactivado.", n=topic.name))
            elif topic not in found:
                found.append(topic)
        if problems:
            raise CellError(" ".join(problems))
        return found

    def indicator(self, code: str | None, kind: MeetingKind, keep: int | None) -> Indicator | None:
        """The meetings indicator ``code``; empty: the kind's default; «ninguno»: none."""
        if code is None:
            return self.default_indicator(kind)
        if fold(code) == NO_INDICATOR:
            return None
        indicator = self.indicators.get(code.strip())
        if indicator is None:
            raise CellError(_("No existe el indicador MIR «%(c)s».", c=code))
        if indicator.source != IndicatorSource.MEETINGS:
            raise CellError(_("El indicador %(c)s no cuenta reuniones.", c=indicator.code))
        if not indicator.active and indicator.id != keep:
            raise CellError(_("El indicador %(c)s está desactivado.", c=indicator.code))
        return indicator

    def default_indicator(self, kind: MeetingKind) -> Indicator | None:
        """The meetings service's default for ``kind``, asked once per kind."""
        if kind not in self._defaults:
            self._defaults[kind] = default_indicator(kind)
        return self._defaults[kind]
