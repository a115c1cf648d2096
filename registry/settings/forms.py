from __future__ import annotations

from wtforms import StringField
from wtforms.validators import Length, Optional

from registry.forms import FlaskForm
from registry.settings.services import SETTINGS


class SettingsForm(FlaskForm):
    """One text field per setting of the catalogue, named by its key with '.' → '__'."""

    @classmethod
    def field_name(cls, key: str) -> str:
        return key.replace(".", "__")

    def values(self) -> dict[str, str | None]:
        return {key: self[self.field_name(key)].data for key in SETTINGS}


for _key, _spec in SETTINGS.items():
    setattr(
        SettingsForm,
        SettingsForm.field_name(_key),
        StringField(
            _spec.label,
            validators=[Optional(), Length(max=_spec.max_length)],
            description=_spec.description,
        ),
    )
