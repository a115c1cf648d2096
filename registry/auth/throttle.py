"""Failed-login throttling by (account, address) pair, as OWASP's Authentication Cheat Sheet
advises: slow down guessing without letting anyone lock a user out.

* Each wrong password is counted against the pair (the e-mail typed, the client's address).
  After ``LOGIN_FREE_FAILURES`` of them the pair is locked for ``LOGIN_FIRST_LOCK_MINUTES``;
  each further lock of the same pair lasts twice the one before, up to
  ``LOGIN_MAX_LOCK_MINUTES``. The count starts again from zero after each lock, so a lock that
  ended gives the same number of tries before the next, longer one.
* A right password (outside a lock) forgets the pair: count and locks. A pair with no failure
  for ``LOGIN_FORGET_HOURS`` is forgotten too.
* Only the pair that failed waits. The user's own right password from any other address is never
  refused, so an attacker guessing from elsewhere, or many made-up e-mails from the user's own
  office, cannot lock the user out.

A lock refuses the right password too while it lasts (else the lock would tell a guesser which
password was right). Waiting is a refusal with the time it ends (429), never a request kept
asleep, so no worker is held.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import and_, delete, or_
from sqlalchemy.exc import IntegrityError

from registry.auth.models import LoginThrottle
from registry.extensions import db
from registry.models_base import utcnow

UNKNOWN_ADDRESS = "desconocida"


def _key(email: str, address: str | None) -> tuple[str, str]:
    return email.strip().lower()[:254], (address or UNKNOWN_ADDRESS)[:64]


def locked_until(email: str, address: str | None) -> datetime | None:
    """The end of this pair's lock, if one is in force now."""
    row = db.session.get(LoginThrottle, _key(email, address))
    if row is not None and row.locked_until is not None and row.locked_until > utcnow():
        return row.locked_until
    return None


def lock_length(locks_before: int) -> timedelta:
    """How long the pair's next lock lasts, given how many it has had."""
    config = current_app.config
    minutes = config["LOGIN_FIRST_LOCK_MINUTES"] * 2 ** min(locks_before, 16)
    return timedelta(minutes=min(minutes, config["LOGIN_MAX_LOCK_MINUTES"]))


def record_failure(email: str, address: str | None) -> datetime | None:
    """Count one wrong password for the pair; returns the end of the lock it caused, if any."""
    config = current_app.config
    now = utcnow()
    _forget_stale(now)
    row = _row(*_key(email, address), now)
    if row.last_failure_at + timedelta(hours=config["LOGIN_FORGET_HOURS"]) < now:
        row.failures, row.locks = 0, 0
    row.failures += 1
    row.last_failure_at = now
    if row.failures < config["LOGIN_FREE_FAILURES"]:
        return None
    row.locked_until = now + lock_length(row.locks)
    row.failures, row.locks = 0, row.locks + 1
    current_app.logger.warning(
        "Inicio de sesión suspendido para %s desde %s hasta %s (bloqueo %d)",
        row.email,
        row.address,
        row.locked_until.isoformat(timespec="seconds"),
        row.locks,
    )
    return row.locked_until


def record_success(email: str, address: str | None) -> None:
    """The right password from this address forgets the pair (other addresses' pairs remain)."""
    row = db.session.get(LoginThrottle, _key(email, address))
    if row is not None:
        db.session.delete(row)


def _forget_stale(now: datetime) -> None:
    """Drop pairs with no failure for ``LOGIN_FORGET_HOURS`` and no lock in force."""
    limit = now - timedelta(hours=current_app.config["LOGIN_FORGET_HOURS"])
    db.session.execute(
        delete(LoginThrottle).where(
            and_(
                LoginThrottle.last_failure_at < limit,
                or_(LoginThrottle.locked_until.is_(None), LoginThrottle.locked_until < now),
            )
        ),
        execution_options={"synchronize_session": False},
    )


def _row(email: str, address: str, now: datetime) -> LoginThrottle:
    """The pair's counter, created if missing (another worker may create it at once)."""
    row = db.session.get(LoginThrottle, (email, address))
    if row is not None:
        return row
    try:
        with db.session.begin_nested():
            row = LoginThrottle(
                email=email, address=address, failures=0, locks=0, last_failure_at=now
            )
            db.session.add(row)
    except IntegrityError:
        row = db.session.get_one(LoginThrottle, (email, address))
    return row
