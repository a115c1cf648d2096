"""The demo instance: only facts documented in ../shared/seeds (the Q2 2025 reports).

Each domain contributes a loader, listed below in the order they must run (parties before the
agreements that name them). A loader creates what is missing, keyed by natural keys such as
folios, and returns one summary line; running ``demo load`` twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from importlib import import_module

from registry.errors import DomainError

#: "module:function" of each domain's loader, in dependency order.
LOADERS: list[str] = [
    "registry.parties.demo:load",
    "registry.indicators.demo:load",
    "registry.agreements.demo:load",
    "registry.meetings.demo:load",
    "registry.settings.demo:load",
]


def load_demo() -> list[str]:
    """Run every loader in one transaction (the caller commits); their summary lines.

    Refuses a database holding synthetic benchmark records: the demo shows only real facts.
    """
    from registry.synthetic import holds_synthetic_records

    if holds_synthetic_records():
        raise DomainError(
            "Esta base de datos tiene datos sintéticos de pruebas de rendimiento: la "
            "demostración solo se carga en una base sin ellos."
        )
    lines = [_resolve(path)() for path in LOADERS]
    return lines or ["No hay datos de demostración que cargar."]


def _resolve(path: str) -> Callable[[], str]:
    module, _, name = path.partition(":")
    return getattr(import_module(module), name)
