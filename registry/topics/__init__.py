"""The managed topic list and its admin pages."""

from registry.topics.views import bp

__all__ = ["bp"]
