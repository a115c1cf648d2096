"""The administration landing page; each section lives with its own domain."""

from registry.admin.views import bp

__all__ = ["bp"]
