"""The party pickers' select widget renders exactly what WTForms renders."""

from __future__ import annotations

from wtforms import Form, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import Select

from registry.widgets import FastSelect


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
