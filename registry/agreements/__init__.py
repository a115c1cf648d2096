"""Agreements: alliances, hermanamientos and convenios, with their lifecycle."""

from registry.agreements import documents  # noqa: F401 - its routes join the blueprint
from registry.agreements.views import bp

__all__ = ["bp"]
