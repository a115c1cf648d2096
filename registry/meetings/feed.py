"""Each user's private calendar feed: a secret URL phones subscribe to without logging in.

The secret is a random token kept on the user (``User.feed_token``, never audited). The URL
carries the user's id and the token; the token is compared in constant time, and a revoked
token or a deactivated account answers 404, like any unknown address.
"""

from __future__ import annotations

import hmac
import secrets
from datetime import date, timedelta

from sqlalchemy import select

from registry.audit import services as audit
from registry.auth.models import User
from registry.extensions import db
from registry.meetings.models import Meeting, MeetingDate
from registry.meetings.queries import list_loads, not_deleted

#: Past meetings stay in the feed this long, so they do not vanish from the phone at once.
KEEP_PAST_DAYS = 60
#: At most this many meetings per feed (a calendar client's refresh must stay light).
FEED_LIMIT = 500


def issue_feed_token(user: User) -> str:
    """Give ``user`` a new feed token; the previous feed URL stops working."""
    user.feed_token = secrets.token_urlsafe(32)
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


def feed_meetings(today: date) -> list[Meeting]:
    """Meetings with a date from ``KEEP_PAST_DAYS`` ago on, soonest first."""
    since = today - timedelta(days=KEEP_PAST_DAYS)
    has_recent_date = (
        select(MeetingDate.id)
        .where(MeetingDate.meeting_id == Meeting.id, MeetingDate.day >= since)
        .exists()
    )
    query = (
        select(Meeting)
        .where(not_deleted(), has_recent_date)
        .options(*list_loads())
        .order_by(Meeting.first_date, Meeting.id)
        .limit(FEED_LIMIT)
    )
    return list(db.session.scalars(query))
