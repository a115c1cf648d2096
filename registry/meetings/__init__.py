"""Meetings: metropolitan meetings, security tables, joint inspections."""

from registry.meetings import commitment_views, evidence_views, feed_views  # noqa: F401 - routes
from registry.meetings.views import bp

__all__ = ["bp"]
