"""Downloads of stored files: for signed-in users only (the access policy applies).

The scan of a document (or the photo of a piece of evidence) in the recycle bin is gone like
the record itself, except for admins, who decide on restoring it.
"""

from flask import Blueprint, abort
from flask_login import current_user

from registry.extensions import db
from registry.files.models import StoredFile
from registry.files.services import file_path, send_stored_file
from registry.recycle.queries import file_only_in_bin

bp = Blueprint("files", __name__, url_prefix="/archivos")


@bp.route("/<int:file_id>")
def download(file_id: int):
    stored = db.get_or_404(StoredFile, file_id)
    if not file_path(stored).is_file():
        abort(404)
    if not current_user.is_admin and file_only_in_bin(stored.id):
        abort(404)
    return send_stored_file(stored)
