"""Authorization in one place.

Every request passes through :func:`enforce_access_policy`. The rule, unless a view says
otherwise with one of the decorators below:

* anonymous users are sent to the login page (nothing but the login page and static files is
  public);
* reading (GET, HEAD, OPTIONS) needs any active account;
* changing anything (every other method) needs the ``editor`` role;
* a signed-in user without the role gets 403 with a Spanish page, never a silent redirect;
* a user whose password an admin reset must choose a new one before anything else.
"""

from __future__ import annotations

from collections.abc import Callable

from flask import abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from registry.auth.models import Role
from registry.extensions import login_manager

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
#: What a user with a temporary password may still do.
PASSWORD_CHANGE_ENDPOINTS = frozenset({"auth.change_password", "auth.logout"})
ACCESS_ATTRIBUTE = "_registry_access"
PUBLIC = "public"


def public(view: Callable) -> Callable:
    """Open to anonymous visitors (the login page)."""
    setattr(view, ACCESS_ATTRIBUTE, PUBLIC)
    return view


def requires(role: Role) -> Callable[[Callable], Callable]:
    """Every method of this view needs ``role`` (e.g. admin pages, or a reader's own settings)."""

    def decorator(view: Callable) -> Callable:
        setattr(view, ACCESS_ATTRIBUTE, role)
        return view

    return decorator


def required_role(view: Callable | None, method: str) -> Role | str | None:
    """The role ``method`` on ``view`` needs, ``PUBLIC``, or None for unknown endpoints."""
    if view is None:
        return None
    declared = getattr(view, ACCESS_ATTRIBUTE, None)
    if declared is not None:
        return declared
    return Role.READER if method in SAFE_METHODS else Role.EDITOR


def is_static_endpoint(endpoint: str | None) -> bool:
    """Static assets (ours, Bootstrap's, Leaflet's) must load on the login page too."""
    return endpoint is not None and (endpoint == "static" or endpoint.endswith(".static"))


def enforce_access_policy():
    """``before_request`` hook applying the rule in this module's docstring."""
    endpoint = request.endpoint
    if endpoint is None or is_static_endpoint(endpoint):
        return None  # routing error (404/405) or an asset
    role = required_role(current_app.view_functions.get(endpoint), request.method)
    if role == PUBLIC:
        return None
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if current_user.must_change_password and endpoint not in PASSWORD_CHANGE_ENDPOINTS:
        flash(_("Debe elegir una contraseña nueva antes de continuar."), "warning")
        return redirect(url_for("auth.change_password"))
    if not current_user.has_role(role):
        abort(403)
    return None


def acting_user():
    """The signed-in user as the model object (not Flask-Login's proxy), for the services that
    record who made a change."""
    return current_user._get_current_object()
