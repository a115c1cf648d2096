"""Accounts, roles and the counters behind failed-login throttling."""

from __future__ import annotations

import secrets
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column
from werkzeug.security import check_password_hash, generate_password_hash

from registry.codes import CodeEnum, labelled
from registry.extensions import Model
from registry.i18n import lazy_gettext as _l
from registry.models_base import UTCDateTime, str_enum, utcnow


class Role(CodeEnum):
    """What a user may do; each role can do everything the roles below it can."""

    READER = "reader"
    EDITOR = "editor"
    ADMIN = "admin"

    @property
    def rank(self) -> int:
        return list(Role).index(self)

    def includes(self, other: Role) -> bool:
        return self.rank >= other.rank


ROLE_LABELS = labelled(
    Role,
    {
        Role.READER: _l("Consulta"),
        Role.EDITOR: _l("Edición"),
        Role.ADMIN: _l("Administración"),
    },
)


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-case; the login compares lower-case.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[Role] = mapped_column(str_enum(Role, "role"), default=Role.READER)
    active: Mapped[bool] = mapped_column(default=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    #: The id Flask-Login keeps in the session cookie; rotating it ends every open session.
    session_token: Mapped[str] = mapped_column(String(64), unique=True, default=new_session_token)
    #: Set by an admin's forced reset: the user must choose a new password at next login.
    must_change_password: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    password_changed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_login_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    #: Secret of the user's calendar-feed URL (phones subscribe without a session); None = off.
    feed_token: Mapped[str | None] = mapped_column(String(64), unique=True)

    def __repr__(self) -> str:
        return f"<User {self.email} {self.role}>"

    # Flask-Login -----------------------------------------------------------------------------
    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return self.session_token

    # Passwords ---------------------------------------------------------------------------------
    def set_password(self, password: str) -> None:
        """Hash with Werkzeug's default KDF (scrypt); every session and the feed URL change."""
        self.password_hash = generate_password_hash(password)
        self.password_changed_at = utcnow()
        self.revoke_credentials()

    def check_password(self, password: str) -> bool:
        return check_password_hash(self.password_hash, password)

    def end_sessions(self) -> None:
        """Every session cookie of this user stops working (the token it names is gone)."""
        self.session_token = new_session_token()

    def revoke_credentials(self) -> None:
        """End every session and give the calendar feed (if on) a new URL: the old one is 404.

        On a password change or reset and on deactivation, not on a plain logout (a phone's
        calendar subscription would break every time its owner signs out of a computer).
        """
        self.end_sessions()
        if self.feed_token is not None:
            self.feed_token = new_session_token()

    # Permissions -------------------------------------------------------------------------------
    def has_role(self, role: Role) -> bool:
        return self.active and self.role.includes(role)

    @property
    def can_edit(self) -> bool:
        return self.has_role(Role.EDITOR)

    @property
    def is_admin(self) -> bool:
        return self.has_role(Role.ADMIN)


class LoginThrottle(Model):
    """Failed logins to one account from one client address (see ``registry.auth.throttle``).

    Kept in the database rather than in worker memory, so several gunicorn workers or hosts see
    the same counts (the app holds no state outside its database and upload folder).
    """

    __tablename__ = "login_throttles"

    #: Lower-case, as typed (accounts that do not exist are counted the same way).
    email: Mapped[str] = mapped_column(String(254), primary_key=True)
    #: The client's address as the app sees it (``PROXY_FIX_X_FOR`` behind a proxy).
    address: Mapped[str] = mapped_column(String(64), primary_key=True)
    #: Wrong passwords since the last lock of this pair ended (or since the first one).
    failures: Mapped[int] = mapped_column(default=0)
    #: Locks this pair has had; each lasts twice the one before, up to the maximum.
    locks: Mapped[int] = mapped_column(default=0)
    last_failure_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
