"""Agreements: alliances, hermanamientos and convenios, with their lifecycle."""
