"""Agreements: alliances, hermanamientos and convenios, with their lifecycle."""

from registry.agreements.views import bp

__all__ = ["bp"]
