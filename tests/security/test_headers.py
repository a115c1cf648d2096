from __future__ import annotations

import re

import pytest

from tests.test_access_policy import app_rules


@pytest.mark.parametrize("path", ["/entrar", "/no-existe"])
def test_security_headers_on_every_response(client, path):
    headers = client.get(path).headers
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in csp
    assert re.search(r"script-src 'self' 'nonce-[\w-]{16,}'", csp)
    assert "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert "Strict-Transport-Security" not in headers


def test_nonce_changes_per_request(client):
    first = client.get("/entrar").headers["Content-Security-Policy"]
    assert first != client.get("/entrar").headers["Content-Security-Policy"]


@pytest.mark.parametrize("app_config", [{"HTTPS": True}])
def test_hsts_when_served_over_https(client):
    assert "max-age=" in client.get("/entrar").headers["Strict-Transport-Security"]


def test_inline_scripts_carry_the_nonce_and_no_page_has_inline_handlers(app, admin_client):
    """Every page without URL arguments, as an admin sees it, obeys the policy."""
    checked = 0
    for rule, _role in app_rules(app, "GET"):
        if rule.arguments:
            continue
        response = admin_client.get(rule.rule)
        if response.mimetype != "text/html":
            continue
        nonce = re.search(r"'nonce-([\w-]+)'", response.headers["Content-Security-Policy"])[1]
        html = response.get_data(as_text=True)
        for tag in re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html):
            assert f'nonce="{nonce}"' in tag, (rule.rule, tag)
        assert not re.search(r"<[^>]+\son[a-z]+=", html), rule.rule
        checked += 1
    assert checked >= 4
