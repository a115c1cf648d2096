"""The topics picker shared by agreements and meetings."""

from __future__ import annotations

from sqlalchemy import select
from wtforms import SelectMultipleField

from registry.extensions import db
from registry.topics.models import Topic
from registry.widgets import FastSelect


class TopicsField(SelectMultipleField):
    """Several topics from the managed list; ``data`` is a list of topic ids.

    Call ``load_choices()`` in the form's ``__init__``, as with ``PartiesField``.
    """

    widget = FastSelect(multiple=True)

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, coerce=int, **kwargs)

    def load_choices(self) -> None:
        current = set(self.data or [])
        topics = db.session.scalars(select(Topic).order_by(Topic.name_key))
        self.choices = [(t.id, t.name) for t in topics if t.active or t.id in current]

    def selected_topics(self) -> list[Topic]:
        ids = list(self.data or [])
        if not ids:
            return []
        return list(
            db.session.scalars(select(Topic).where(Topic.id.in_(ids)).order_by(Topic.name_key))
        )
