"""What the hostile-input tests send, and what they look for in every page that comes back."""

from __future__ import annotations

import os
import re

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

#: Examples per form or sheet; REGISTRY_HOSTILE_EXAMPLES raises it for a longer hunt.
EXAMPLES = int(os.environ.get("REGISTRY_HOSTILE_EXAMPLES", "8"))

#: Values an attacker or a careless paste would send: script and markup, SQL, template syntax,
#: path tricks, numbers out of every range, impossible dates, control characters, right-to-left
#: overrides, emoji, and strings far beyond any column's length.
ADVERSARIAL = [
    "",
    " ",
    "<script>alert('xss')</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)//https://www.facebook.com/",
    "https://example.org/\"><script>alert('xss')</script>",
    "'; DROP TABLE agreements; --",
    "1 OR 1=1",
    "' OR '1'='1",
    "%_%",
    "\\",
    "{{ 7 * 7 }}{% raw %}",
    "${jndi:ldap://x}",
    "../../../../etc/passwd",
    "..\\..\\windows\\win.ini",
    "\x00",
    "a\x00b",
    "\x1b[31mrojo\x1b[0m",
    "línea\x0buno\x0cdos\r\n",
    "\u202egnp.exe",
    "\ufeff\u200b",
    "👩🏽‍⚖️🇲🇽" * 50,
    "Ñ" * 5_000,
    "x" * 70_000,
    "-1",
    "0",
    "-0",
    "1e309",
    "NaN",
    "inf",
    "99999999999999999999999",
    "-2147483649",
    "9223372036854775808",
    "2025-02-30",
    "0000-00-00",
    "9999-12-31",
    "31/12/2025",
    "25:61",
    "true",
    "null",
    "[]",
    "{}",
]

#: Text an escaping mistake would leave live in a page (compared case-insensitively).
LIVE_MARKUP = re.compile(
    r"<script>alert|<img src=x onerror|<svg onload|href=\"\s*javascript:", re.IGNORECASE
)

text_values = st.one_of(
    st.sampled_from(ADVERSARIAL),
    st.text(max_size=300),
    st.text(alphabet=st.characters(max_codepoint=0x9F), max_size=40),
    st.integers().map(str),
    st.floats().map(str),
    st.dates().map(str),
)


def live_markup(page: str) -> str | None:
    """The first piece of live attacker markup in ``page``, or None when everything is escaped."""
    found = LIVE_MARKUP.search(page)
    return page[max(found.start() - 80, 0) : found.end() + 80] if found else None


def hostile_settings(examples: int) -> settings:
    """The same examples on every run (CI repeats what passed), no example database, no
    deadline: a page may take a while on a loaded machine."""
    return settings(
        max_examples=examples,
        deadline=None,
        derandomize=True,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
