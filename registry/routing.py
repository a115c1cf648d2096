"""URL converters."""

from werkzeug.routing import IntegerConverter

#: PostgreSQL's ``integer`` upper bound.
MAX_ID = 2**31 - 1


class RecordIdConverter(IntegerConverter):
    """``<int:…>`` (and ``<id:…>``) bounded to 1 … 2³¹−1: an absurd number in a URL is a 404,
    never a database error (PostgreSQL refuses integers out of range)."""

    def __init__(self, url_map, *args, **kwargs):
        super().__init__(url_map, min=1, max=MAX_ID)
