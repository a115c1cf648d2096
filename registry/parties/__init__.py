"""Parties (contrapartes) and municipal geography."""

from registry.parties.views import bp

__all__ = ["bp"]
