"""Form widgets shared by every domain."""

from __future__ import annotations

from markupsafe import Markup
from wtforms.widgets import Select

# Attributes in html_params' (sorted) order, so the output equals WTForms' own.
_START, _SELECTED = Markup('<option value="'), Markup('<option selected value="')
_MIDDLE, _END = Markup('">'), Markup("</option>")


class FastSelect(Select):
    """WTForms' ``Select``, rendering plain options without ``html_params``.

    The counterpart pickers list every party (hundreds of municipalities once INEGI boundaries
    are imported); building each ``<option>`` through ``html_params`` made them the slowest part
    of the pages that show them. Options with extra attributes still go the general way.
    """

    @classmethod
    def render_option(cls, choice, **kwargs):
        if choice.render_kw or kwargs:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        label = choice.label if choice.label is not None else value
        start = _SELECTED if choice.selected else _START
        # Markup + str escapes the str: value and label cannot inject markup.
        return start + str(value) + _MIDDLE + label + _END
