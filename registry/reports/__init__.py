"""Quarterly reports and MIR indicators."""
