"""Audit trail: every write, who made it and what changed."""
