"""HTTP security headers, set on every response.

The Content-Security-Policy allows scripts only from this origin or carrying the request's nonce
(``csp_nonce()`` in templates: the map's inline Leaflet set-up uses it), never inline event
handlers; styles may be inline because Leaflet and folium position elements with style
attributes. Frames are refused, referrers stay on the site, and HTTPS deployments get HSTS.
"""

from __future__ import annotations

import secrets

from flask import Flask, current_app, g


def csp_nonce() -> str:
    """This request's CSP nonce (one per request, shared by every inline script it renders)."""
    if "csp_nonce" not in g:
        g.csp_nonce = secrets.token_urlsafe(16)
    return g.csp_nonce


def content_security_policy(nonce: str) -> str:
    images = " ".join(["'self'", "data:", *current_app.config["CSP_EXTRA_IMG_SOURCES"]])
    directives = {
        "default-src": "'self'",
        "script-src": f"'self' 'nonce-{nonce}'",
        "style-src": "'self' 'unsafe-inline'",
        "img-src": images,
        "font-src": "'self' data:",
        "connect-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


def set_security_headers(response):
    headers = response.headers
    headers.setdefault("Content-Security-Policy", content_security_policy(csp_nonce()))
    headers.setdefault("X-Content-Type-Options", "nosniff")
    headers.setdefault("X-Frame-Options", "DENY")
    headers.setdefault("Referrer-Policy", "same-origin")
    headers.setdefault("Permissions-Policy", "camera=(), microphone=(), geolocation=()")
    if current_app.config["HTTPS"]:
        headers.setdefault("Strict-Transport-Security", "max-age=31536000; includeSubDomains")
    return response


def register_security(app: Flask) -> None:
    app.after_request(set_security_headers)
    app.add_template_global(csp_nonce)
