"""Downloads of stored files: for signed-in users only (the access policy applies)."""

from flask import Blueprint, abort

from registry.extensions import db
from registry.files.models import StoredFile
from registry.files.services import file_path, send_stored_file

bp = Blueprint("files", __name__, url_prefix="/archivos")


@bp.route("/<int:file_id>")
def download(file_id: int):
    stored = db.get_or_404(StoredFile, file_id)
    if not file_path(stored).is_file():
        abort(404)
    return send_stored_file(stored)
