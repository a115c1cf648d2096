"""Accounts, login and authorization."""

from registry.auth.views import bp

__all__ = ["bp"]
