"""Mexico's 32 states (entidades federativas) by INEGI key, named as INEGI's catalogue names them.

A municipality's state follows from the first two digits of its CVEGEO (20390 → 20 → Oaxaca).
"""

from __future__ import annotations

from registry.text import fold

#: INEGI's CVE_ENT → NOM_ENT (Marco Geoestadístico, Catálogo Único de Claves).
STATES: dict[str, str] = {
    "01": "Aguascalientes",
    "02": "Baja California",
    "03": "Baja California Sur",
    "04": "Campeche",
    "05": "Coahuila de Zaragoza",
    "06": "Colima",
    "07": "Chiapas",
    "08": "Chihuahua",
    "09": "Ciudad de México",
    "10": "Durango",
    "11": "Guanajuato",
    "12": "Guerrero",
    "13": "Hidalgo",
    "14": "Jalisco",
    "15": "México",
    "16": "Michoacán de Ocampo",
    "17": "Morelos",
    "18": "Nayarit",
    "19": "Nuevo León",
    "20": "Oaxaca",
    "21": "Puebla",
    "22": "Querétaro",
    "23": "Quintana Roo",
    "24": "San Luis Potosí",
    "25": "Sinaloa",
    "26": "Sonora",
    "27": "Tabasco",
    "28": "Tamaulipas",
    "29": "Tlaxcala",
    "30": "Veracruz de Ignacio de la Llave",
    "31": "Yucatán",
    "32": "Zacatecas",
}

OAXACA = "20"


def state_of(cvegeo: str) -> str | None:
    """The state name of a municipality's CVEGEO, or None when its first two digits are no state."""
    return STATES.get(cvegeo[:2])


def state_choices() -> list[tuple[str, str]]:
    """(name, name) pairs in alphabetical order, for select fields."""
    return [(name, name) for name in sorted(STATES.values(), key=fold)]
