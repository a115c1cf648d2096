"""Form widgets shared by every domain."""

from __future__ import annotations

from markupsafe import Markup, escape
from wtforms.widgets import Select


class FastSelect(Select):
    """WTForms' ``Select``, rendering plain options without ``html_params``.

    The counterpart pickers list every party (hundreds of municipalities once INEGI boundaries
    are imported), and ``html_params`` (a ``Markup.format`` per option) made selects the
    slowest part of the list pages. The output is byte for byte WTForms' own (tested); options
    with extra attributes still go the general way.
    """

    # WTForms 3.3 renders a Choice; types-WTForms 3.2 still has (value, label, selected).
    @classmethod
    def render_option(cls, choice, **kwargs):  # type: ignore[override]
        if choice.render_kw or kwargs:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        label = escape(choice.label if choice.label is not None else value)
        selected = "selected " if choice.selected else ""
        # The value and the label are escaped just above; attributes in html_params' order.
        return Markup(f'<option {selected}value="{escape(value)}">{label}</option>')  # noqa: S704  # nosec B704
