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


#: C0 and C1 control characters but tab, line feed and carriage return. Nobody types them; they
#: arrive pasted from other programs or sent on purpose, print as nothing, and PostgreSQL refuses
#: NUL outright. Word's manual line break (vertical tab) and page break (form feed) become newlines.
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
_BREAKS = str.maketrans({"\x0b": "\n", "\x0c": "\n"})


def without_control_characters(text: str) -> str:
    """``text`` with the invisible control characters removed (see ``_CONTROL``)."""
    return _CONTROL.sub("", text.translate(_BREAKS))
