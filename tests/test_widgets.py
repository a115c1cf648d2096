"""The faster widgets render exactly what WTForms renders."""

from __future__ import annotations

import pytest
from markupsafe import Markup
from wtforms import Form, SelectField, SelectMultipleField, StringField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import Select
from wtforms.widgets import core as wtforms_widgets

from registry.widgets import FastSelect, html_params

ORIGINAL_HTML_PARAMS = (
    wtforms_widgets.html_params.__wrapped__
    if hasattr(wtforms_widgets.html_params, "__wrapped__")
    else None
)


class Sample(Form):
    one = SelectField(
        choices=[SelectChoice("1", 'Comité "A&B" <Oaxaca>'), SelectChoice("2", "Dos")]
    )
    many = SelectMultipleField(
        coerce=int,
        choices=[
            SelectChoice(1, "Uno", optgroup="Estatales"),
            SelectChoice(2, "Ánimas", optgroup="Municipios"),
        ],
    )


def test_select_renders_exactly_like_wtforms():
    form = Sample(data={"one": "2", "many": [2]})
    assert FastSelect()(form.one) == Select()(form.one)
    assert FastSelect(multiple=True)(form.many) == Select(multiple=True)(form.many)
    assert "Comité &#34;A&amp;B&#34; &lt;Oaxaca&gt;" in FastSelect()(form.one)


def reference_html_params(**kwargs):
    """WTForms 3.3's own implementation, kept here to compare against."""
    params = []
    for k, v in sorted(kwargs.items()):
        k = wtforms_widgets.clean_key(k)
        if v is True:
            params.append(k)
        elif v is False:
            pass
        else:
            v = Markup.escape(v).replace(Markup('"'), Markup("&quot;"))
            params.append(Markup('{k}="{v}"').format(k=k, v=v))
    return Markup(" ").join(params)


@pytest.mark.parametrize(
    "attributes",
    [
        {"name": "q", "id": "q", "class_": "form-control", "value": 'a"b<c>&d'},
        {"required": True, "disabled": False, "aria_describedby": "x-ayuda x-error"},
        {"data_folio": "HER-2025-001", "for_": "campo", "placeholder": Markup("<b>ya seguro</b>")},
        {"value": 12, "type": "number", "min": 0},
    ],
)
def test_html_params_matches_wtforms(attributes):
    assert html_params(**attributes) == reference_html_params(**attributes)


def test_the_app_renders_every_widget_through_the_fast_path(app):
    assert wtforms_widgets.html_params is html_params
    assert wtforms_widgets.Input.html_params is html_params
    assert isinstance(SelectField.widget, FastSelect)

    class Named(Form):
        name = StringField("Nombre")

    assert Named().name() == '<input id="name" name="name" type="text" value="">'
