"""The request class: every submitted value reaches the forms without control characters.

Cleaning where Werkzeug builds the form and query-string dictionaries (its documented
``parameter_storage_class`` hook) covers every form, sub-form and filter at once, instead of
one WTForms filter per field that a new field could forget.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from flask import Request
from werkzeug.datastructures import ImmutableMultiDict, MultiDict

from registry.text import without_control_characters


def _pairs(mapping: Any) -> Iterable[tuple[Any, Any]]:
    if mapping is None:
        return ()
    if isinstance(mapping, MultiDict):
        return mapping.items(multi=True)
    if isinstance(mapping, Mapping):
        return (
            (key, item)
            for key, value in mapping.items()
            for item in (value if isinstance(value, list | tuple) else [value])
        )
    return mapping


def _clean(value: Any) -> Any:
    return without_control_characters(value) if isinstance(value, str) else value


class CleanMultiDict(ImmutableMultiDict):
    """An ImmutableMultiDict whose text keys and values carry no control characters; uploaded
    files (the other values it can hold) pass through untouched."""

    def __init__(self, mapping: Any = None) -> None:
        super().__init__([(_clean(key), _clean(value)) for key, value in _pairs(mapping)])


class RegistryRequest(Request):
    parameter_storage_class = CleanMultiDict
