"""Lazy translations that are looked up once per locale.

Flask-Babel's ``lazy_gettext`` goes through its whole lookup (context, locale, catalogue) each
time a lazy string is shown; a list page shows hundreds (field labels, help texts, the labels
of stored codes), which made it one of the largest costs of rendering. These lazy strings
remember their translation per locale. Strings with variables are not cached.
"""

from __future__ import annotations

from functools import cache

from flask import g, has_app_context
from flask_babel import get_locale, gettext
from flask_babel.speaklater import LazyString


class CachedLazyString(LazyString):
    def __str__(self) -> str:
        if self._kwargs or not has_app_context():
            return super().__str__()
        translations = g.get("_registry_translations")
        if translations is None:
            translations = g._registry_translations = _translations_for(str(get_locale()))
        text = self._args[0]
        value = translations.get(text)
        if value is None:
            value = translations[text] = super().__str__()
        return value

    def __html__(self) -> str:
        return str(self)


def lazy_gettext(string: str, **variables) -> CachedLazyString:
    """Like Flask-Babel's ``lazy_gettext`` (use as ``_l``), translated once per locale."""
    return CachedLazyString(gettext, string, **variables)


@cache
def _translations_for(locale: str) -> dict[str, str]:
    return {}
