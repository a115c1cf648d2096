"""Accounts, login and authorization."""
