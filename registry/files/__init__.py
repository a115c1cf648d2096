"""Uploaded files, checked by content and kept under UPLOAD_FOLDER."""
