"""Uploaded files, checked by content and kept under UPLOAD_FOLDER."""

from registry.files.views import bp

__all__ = ["bp"]
