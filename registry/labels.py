"""Display labels of stored codes ("firmado" → "Firmado"), translated once per locale.

Every enum of codes keeps its Spanish labels as lazy strings (so Babel's extraction sees them)
and shows them through ``translated``: a list page shows hundreds of labels, and each lazy
string would otherwise go through Flask-Babel's gettext machinery on every use.
"""

from __future__ import annotations

from functools import cache

from flask import g, has_app_context
from flask_babel import get_locale


def translated(text) -> str:
    """``str(text)`` for the current locale, computed once per process and locale."""
    if not has_app_context():
        return str(text)
    labels = g.get("_registry_labels")
    if labels is None:
        labels = g._registry_labels = _labels_for(str(get_locale()))
    key = id(text)
    value = labels.get(key)
    if value is None:
        value = labels[key] = str(text)
    return value


@cache
def _labels_for(locale: str) -> dict[int, str]:
    """The labels already translated for ``locale``, by the id of their (module-level) lazy text."""
    return {}
