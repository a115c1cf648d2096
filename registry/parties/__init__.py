"""Parties (contrapartes) and municipal geography."""
