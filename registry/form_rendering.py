"""Accessible Bootstrap 5 form fields: label, help text and errors tied to the input.

``templates/_macros/forms.html``'s ``render_field`` macro calls this: the same markup built in
Python costs a tenth of what the macro's Jinja did, and every form page renders a dozen fields.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from wtforms.widgets import Select

REQUIRED_MARK = Markup(' <span class="text-danger" aria-hidden="true">*</span>')


def render_field(field, label_visible: bool = True, **attrs) -> Markup:
    """One field with its label, help text and errors, as Bootstrap 5 lays them out."""
    invalid = " is-invalid" if field.errors else ""
    described = [f"{field.id}-ayuda"] * bool(field.description) + [f"{field.id}-error"] * bool(
        field.errors
    )
    if described:
        attrs["aria-describedby"] = " ".join(described)
    if field.errors:
        attrs["aria-invalid"] = "true"
    if field.flags.required:
        attrs["required"] = True
    if field.type in ("HiddenField", "CSRFTokenField"):
        return field(**attrs)
    if field.type == "BooleanField":
        return Markup('<div class="form-check mb-3">%s%s%s</div>') % (
            field(class_="form-check-input" + invalid, **attrs),
            field.label(class_="form-check-label"),
            help_and_errors(field),
        )
    if field.type == "RadioField":
        return _radio(field, described, invalid)
    css = "form-select" if isinstance(field.widget, Select) else "form-control"
    label = Markup("")
    if label_visible:
        label = field.label(class_="form-label") + (REQUIRED_MARK if field.flags.required else "")
    return Markup('<div class="mb-3">%s%s%s</div>') % (
        label,
        field(class_=css + invalid, **attrs),
        help_and_errors(field),
    )


def help_and_errors(field) -> Markup:
    parts = []
    if field.description:
        parts.append(
            Markup('<div id="%s-ayuda" class="form-text">%s</div>') % (field.id, field.description)
        )
    if field.errors:
        errors = Markup("<br>").join(escape(error) for error in field.errors)
        parts.append(
            Markup('<div id="%s-error" class="invalid-feedback d-block">%s</div>')
            % (field.id, errors)
        )
    return Markup("").join(parts)


def _radio(field, described: list[str], invalid: str) -> Markup:
    options = Markup("").join(
        Markup('<div class="form-check">%s%s</div>')
        % (option(class_="form-check-input" + invalid), option.label(class_="form-check-label"))
        for option in field
    )
    describedby = Markup(' aria-describedby="%s"') % " ".join(described) if described else ""
    legend = Markup('<legend class="form-label fs-6">%s%s</legend>') % (
        field.label.text,
        REQUIRED_MARK if field.flags.required else "",
    )
    return Markup('<fieldset class="mb-3"%s>%s%s%s</fieldset>') % (
        describedby,
        legend,
        options,
        help_and_errors(field),
    )
