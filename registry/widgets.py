"""Form widgets shared by every domain."""

from __future__ import annotations

import wtforms.widgets
from markupsafe import Markup, escape
from wtforms import SelectField, SelectMultipleField
from wtforms.widgets import Select
from wtforms.widgets import core as wtforms_widgets
from wtforms.widgets.core import clean_key


class FastSelect(Select):
    """WTForms' ``Select``, rendering plain options without ``html_params``.

    The counterpart pickers list every party (hundreds of municipalities once INEGI boundaries
    are imported), and ``html_params`` (a ``Markup.format`` per option) made selects the
    slowest part of the list pages. The output is byte for byte WTForms' own (tested); options
    with extra attributes still go the general way.
    """

    @classmethod
    def render_option(cls, choice, **kwargs):
        if choice.render_kw or kwargs:
            return super().render_option(choice, **kwargs)
        value = str(choice.value) if isinstance(choice.value, bool) else choice.value
        label = escape(choice.label if choice.label is not None else value)
        selected = "selected " if choice.selected else ""
        # The value and the label are escaped just above; attributes in html_params' order.
        return Markup(f'<option {selected}value="{escape(value)}">{label}</option>')  # noqa: S704  # nosec B704


def use_fast_widgets() -> None:
    """Make every WTForms widget render through the faster equivalents here (same HTML).

    ``html_params`` is reached four ways inside WTForms (the widgets module's global, the
    package attribute labels use, and the static methods of ``Input`` and ``Button``).
    """
    SelectField.widget = FastSelect()
    SelectMultipleField.widget = FastSelect(multiple=True)
    wtforms_widgets.html_params = html_params
    wtforms.widgets.html_params = html_params
    wtforms_widgets.Input.html_params = staticmethod(html_params)
    wtforms_widgets.Button.html_params = staticmethod(html_params)


def html_params(**kwargs) -> Markup:
    """``wtforms.widgets.core.html_params`` with identical output, without ``Markup.format``.

    WTForms builds every attribute of every label, input and option through
    ``Markup.format`` (a ``string.Formatter`` pass per attribute); on a page with a dozen fields
    that was the largest single cost of rendering. Tested to match WTForms' own output.
    """
    params = []
    for key, value in sorted(kwargs.items()):
        key = clean_key(key)
        if value is True:
            params.append(key)
        elif value is not False:
            value = escape(value).replace(Markup('"'), Markup("&quot;"))
            params.append(Markup(f'{escape(key)}="{value}"'))  # noqa: S704  # nosec B704 - escaped
    return Markup(" ").join(params)
