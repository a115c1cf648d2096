"""The recycle bin's forms: the reason asked when moving a record there, the bin's filter."""

from __future__ import annotations

from flask import request
from wtforms import SelectField, TextAreaField
from wtforms.validators import Length

from registry.forms import FlaskForm
from registry.i18n import lazy_gettext as _l
from registry.recycle.kinds import KINDS
from registry.recycle.services import MAX_REASON


class TrashForm(FlaskForm):
    """ "Mover a la papelera": the confirmation, with the reason (required for some kinds)."""

    reason = TextAreaField(
        _l("Motivo"),
        validators=[Length(max=MAX_REASON)],
        description=_l("P. ej. «Registro duplicado de HER-2025-002» o «Capturado por error»."),
        render_kw={"rows": 3},
    )

    def __init__(self, reason_required: bool, **kwargs):
        super().__init__(**kwargs)
        # shown as required (asterisk, browser check); the service enforces it
        self.reason.flags.required = reason_required
        if not reason_required:
            self.reason.label.text = _l("Motivo (opcional)")


class BinFilterForm(FlaskForm):
    """The bin's filter by kind of record (a GET form: read from the URL)."""

    class Meta:
        csrf = False

    kind = SelectField(
        _l("Tipo de registro"),
        choices=lambda: [("", _l("Todos")), *((k.key, k.label) for k in KINDS.values())],
        default="",
    )

    def __init__(self, **kwargs):
        super().__init__(formdata=request.args, **kwargs)
        self.validate()

    def kind_key(self) -> str | None:
        return self.kind.data if self.kind.data and not self.kind.errors else None
