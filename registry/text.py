"""Text helpers shared by search, duplicate checks and the importer."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, accents removed, spaces collapsed: 'Santa Cruz  Xoxocotlán' → 'santa cruz
    xoxocotlan'. What accent- and case-insensitive comparisons and searches compare."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return _SPACES.sub(" ", bare).strip().casefold()


def like_pattern(text: str) -> str:
    """A LIKE pattern matching ``fold(text)`` anywhere, with LIKE's wildcards escaped (``\\``)."""
    escaped = fold(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"
