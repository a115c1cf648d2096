"""Tablero: what leaders and the unit see first."""

from registry.dashboard.views import bp

__all__ = ["bp"]
