"""Quarterly reports and MIR indicators."""

from registry.reports.views import bp

__all__ = ["bp"]
