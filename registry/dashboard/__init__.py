"""Tablero: what leaders and the unit see first."""
