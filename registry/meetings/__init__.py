"""Meetings: metropolitan meetings, security tables, joint inspections."""
