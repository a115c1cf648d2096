"""Meetings: metropolitan meetings, security tables, joint inspections."""

from registry.meetings.views import bp

__all__ = ["bp"]
