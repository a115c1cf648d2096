"""Account operations shared by the login page, the admin pages and the ``users`` CLI; and each
user's private calendar feed token.

The feed is a secret URL phones subscribe to without logging in: a random token kept on the user
(``User.feed_token``, never audited) and the user's id. The token is compared in constant time,
and a revoked token or a deactivated account answers 404, like any unknown address.

They change the session's objects, write the audit event and flush; the caller commits.
"""

from __future__ import annotations

import hmac
import re
import secrets
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func, select
from werkzeug.security import check_password_hash

from registry.audit import services as audit
from registry.auth import throttle
from registry.auth.models import Role, User, new_session_token
from registry.auth.passwords import password_problem
from registry.errors import DomainError
from registry.extensions import db
from registry.models_base import utcnow

#: Compared against when the email is unknown, so a wrong email costs the same time as a
#: wrong password and response times do not reveal which accounts exist.
_DUMMY_HASH = "scrypt:32768:8:1$nosuchuser$" + "0" * 128

USER_FIELDS = ["email", "full_name", "role", "active"]


def normalize_email(email: str) -> str:
    return email.strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalize_email(email)))


def check_password_policy(password: str, user: User | None = None, **identity) -> None:
    """Raise DomainError (field ``password``) if the policy refuses ``password``."""
    if user is not None:
        identity = {"email": user.email, "full_name": user.full_name}
    problem = password_problem(password, **identity)
    if problem:
        raise DomainError(problem, field="password")


def create_user(email: str, full_name: str, role: Role, password: str, **audit_kw) -> User:
    """A new active account; refuses a duplicate email or a weak password."""
    email = normalize_email(email)
    if find_by_email(email) is not None:
        raise DomainError(_("Ya existe una cuenta con el correo %(email)s.", email=email), "email")
    check_password_policy(password, email=email, full_name=full_name)
    user = User(email=email, full_name=full_name.strip(), role=Role(role), active=True)
    user.set_password(password)
    db.session.add(user)
    audit.record_create(user, **audit_kw)
    return user


def update_user(user: User, *, email: str, full_name: str, role: Role, active: bool, **audit_kw):
    """Change an account's details; deactivating it ends its sessions and its feed URL."""
    email = normalize_email(email)
    other = find_by_email(email)
    if other is not None and other.id != user.id:
        raise DomainError(_("Ya existe una cuenta con el correo %(email)s.", email=email), "email")
    _refuse_removing_last_admin(user, Role(role), active)
    before = audit.snapshot(user, USER_FIELDS)
    user.email, user.full_name, user.role = email, full_name.strip(), Role(role)
    if user.active and not active:
        user.revoke_credentials()
    user.active = active
    db.session.flush()
    audit.record_update(user, before, **audit_kw)


def set_role(user: User, role: Role, **audit_kw) -> None:
    update_user(
        user, email=user.email, full_name=user.full_name, role=role, active=user.active, **audit_kw
    )


def set_active(user: User, active: bool, **audit_kw) -> None:
    update_user(
        user, email=user.email, full_name=user.full_name, role=user.role, active=active, **audit_kw
    )


def change_password(user: User, password: str, **audit_kw) -> None:
    """Set a new password; every open session of the user ends."""
    check_password_policy(password, user)
    user.set_password(password)
    user.must_change_password = False
    audit.record("password_change", "users", user.id, **audit_kw)


def force_password_reset(user: User, **audit_kw) -> str:
    """Give ``user`` a random temporary password to change at next login; ends their sessions.

    Returns the temporary password, for the admin to hand over (it is shown once).
    """
    temporary = random_password()
    user.set_password(temporary)
    user.must_change_password = True
    audit.record("password_reset", "users", user.id, **audit_kw)
    return temporary


def random_password() -> str:
    """A random password the policy accepts (16 URL-safe characters)."""
    while True:
        candidate = secrets.token_urlsafe(12)
        if password_problem(candidate) is None:
            return candidate


def _refuse_removing_last_admin(user: User, role: Role, active: bool) -> None:
    """The registry must always keep one active admin, or nobody could manage users again."""
    if not user.is_admin or (role == Role.ADMIN and active):
        return
    others = db.session.scalar(
        select(func.count(User.id)).where(
            User.role == Role.ADMIN, User.active.is_(True), User.id != user.id
        )
    )
    if not others:
        raise DomainError(_("Debe quedar al menos una cuenta de administración activa."), "role")


# Login ---------------------------------------------------------------------------------------


@dataclass
class LoginResult:
    user: User | None = None
    error: str | None = None
    locked_until: datetime | None = None


def authenticate(email: str, password: str, address: str | None) -> LoginResult:
    """Check a login attempt against the throttle and the account; counts failures.

    The throttle is by (account, address) pair: see ``registry.auth.throttle``.
    """
    email = normalize_email(email)
    lock = throttle.locked_until(email, address)
    if lock is not None:
        return LoginResult(locked_until=lock)
    user = find_by_email(email)
    if user is None:
        check_password_hash(_DUMMY_HASH, password)
    if user is None or not user.check_password(password):
        lock = throttle.record_failure(email, address)
        return LoginResult(error=_("Correo o contraseña incorrectos."), locked_until=lock)
    if not user.active:
        return LoginResult(error=_("Esta cuenta está desactivada. Consulte a la administración."))
    throttle.record_success(email, address)
    user.last_login_at = utcnow()
    audit.record("login", "users", user.id, user=user)
    return LoginResult(user=user)


def log_out(user: User) -> None:
    """End the session: the token every cookie of this user names rotates, so a copy of the
    cookie taken before the logout (or any other open session) no longer signs anyone in."""
    user.end_sessions()
    audit.record("logout", "users", user.id, user=user)


# Set-up --------------------------------------------------------------------------------------

#: Where the first admin's address goes when nobody gives one (``make run`` unattended): a random
#: name, so nobody can guess the account to attack (``admin@…`` would be the first try).
RANDOM_ADMIN_DOMAIN = "registro.local"
_EMAIL_SHAPE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def random_admin_email() -> str:
    return f"admin-{secrets.token_hex(4)}@{RANDOM_ADMIN_DOMAIN}"


def find_admin() -> User | None:
    """The first active admin, if there is one."""
    return db.session.scalar(
        select(User).where(User.role == Role.ADMIN, User.active.is_(True)).order_by(User.id)
    )


def create_first_admin(email: str | None) -> tuple[User, str]:
    """The instance's first admin, at ``email`` (None: a random address), with a random
    password; returns the account and the password, to be shown once."""
    email = normalize_email(email or "") or random_admin_email()
    if not _EMAIL_SHAPE.match(email):
        raise DomainError(_("«%(email)s» no es un correo electrónico.", email=email), "email")
    password = random_password()
    admin = create_user(email, "Administración del registro", Role.ADMIN, password)
    return admin, password


# The calendar feed's token -----------------------------------------------------------------------


def issue_feed_token(user: User) -> str:
    """Give ``user`` a new feed token; the previous feed URL stops working."""
    user.feed_token = new_session_token()
    db.session.flush()
    audit.record("calendar_feed_issued", "users", user.id, user=user)
    return user.feed_token


def revoke_feed_token(user: User) -> None:
    """Turn ``user``'s feed off; the URL answers 404 from now on."""
    if user.feed_token is None:
        return
    user.feed_token = None
    db.session.flush()
    audit.record("calendar_feed_revoked", "users", user.id, user=user)


def feed_owner(user_id: int, token: str) -> User | None:
    """The active user whose feed this is, or None (unknown, revoked, deactivated, wrong)."""
    user = db.session.get(User, user_id)
    expected = user.feed_token if user is not None else None
    # Compare even when there is nothing to compare with, so timing tells nothing.
    matches = hmac.compare_digest((expected or "-").encode(), (token or "").encode())
    if user is None or expected is None or not matches or not user.active:
        return None
    return user
