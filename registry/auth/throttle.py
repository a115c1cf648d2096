"""Failed-login throttling, per account and per client address.

* Account: after ``LOGIN_MAX_FAILURES_PER_ACCOUNT`` wrong passwords in a row the account is locked
  for ``LOGIN_ACCOUNT_LOCK_MINUTES``; each further failure locks it again. A right password
  (outside a lock) resets the count.
* Address: ``LOGIN_MAX_FAILURES_PER_ADDRESS`` failures within ``LOGIN_ADDRESS_WINDOW_MINUTES``
  lock the address until the window ends. The threshold is higher because a whole town hall may
  reach us through one NAT address.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy.exc import IntegrityError

from registry.auth.models import LoginThrottle
from registry.extensions import db
from registry.models_base import utcnow


def account_key(email: str) -> str:
    return f"account:{email.strip().lower()}"


def address_key(address: str | None) -> str:
    return f"address:{address or 'desconocida'}"


def locked_until(email: str, address: str | None) -> datetime | None:
    """The end of the latest lock on this account or address, if one is in force now."""
    now = utcnow()
    ends = [
        row.locked_until
        for row in (
            db.session.get(LoginThrottle, account_key(email)),
            db.session.get(LoginThrottle, address_key(address)),
        )
        if row is not None and row.locked_until is not None and row.locked_until > now
    ]
    return max(ends, default=None)


def record_failure(email: str, address: str | None) -> None:
    """Count one failed attempt against both keys, locking them when over their limits."""
    config = current_app.config
    now = utcnow()

    account = _row(account_key(email))
    account.failures += 1
    if account.failures >= config["LOGIN_MAX_FAILURES_PER_ACCOUNT"]:
        account.locked_until = now + timedelta(minutes=config["LOGIN_ACCOUNT_LOCK_MINUTES"])

    window = timedelta(minutes=config["LOGIN_ADDRESS_WINDOW_MINUTES"])
    by_address = _row(address_key(address))
    if by_address.first_failure_at + window < now:
        by_address.failures, by_address.first_failure_at = 0, now
    by_address.failures += 1
    if by_address.failures >= config["LOGIN_MAX_FAILURES_PER_ADDRESS"]:
        by_address.locked_until = by_address.first_failure_at + window


def record_success(email: str) -> None:
    """A successful login clears the account's count (not the address's: that one expires)."""
    row = db.session.get(LoginThrottle, account_key(email))
    if row is not None:
        db.session.delete(row)


def _row(key: str) -> LoginThrottle:
    """The counter for ``key``, created if missing (another worker may create it at once)."""
    row = db.session.get(LoginThrottle, key)
    if row is not None:
        return row
    try:
        with db.session.begin_nested():
            row = LoginThrottle(key=key, failures=0, first_failure_at=utcnow())
            db.session.add(row)
    except IntegrityError:
        row = db.session.get(LoginThrottle, key)
    return row
