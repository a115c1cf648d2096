"""Generated files as downloads, their names quoted by Werkzeug.

A file name can hold what a user typed (an imported folio, say). Formatting it into
``Content-Disposition`` by hand lets a quote or a semicolon add parameters of its own
(``A";filename*=UTF-8''B.HTML``), so every download here goes through ``send_file``, which
quotes the name and adds the RFC 5987 ``filename*`` for characters beyond ASCII.
"""

from __future__ import annotations

import io

from flask import Response, send_file


def file_response(body: bytes, name: str, mimetype: str, *, inline: bool = False) -> Response:
    """``body`` offered as ``name``: saved (attachment) or, with ``inline``, shown in place."""
    return send_file(
        io.BytesIO(body),
        mimetype=mimetype,
        as_attachment=not inline,
        download_name=name,
        max_age=0,
    )
