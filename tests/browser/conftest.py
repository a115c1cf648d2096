"""Browser journeys: headless Chromium (Debian's) driven by Playwright against gunicorn.

The server is the ``live_server`` fixture (tests/conftest.py): gunicorn in a subprocess, on
127.0.0.1 and a free port, using the test session's database (SQLite file on disk, or the
PostgreSQL database of this run). Tests create their data through the ``app`` fixture and commit
it; the server sees it. Screenshots go to ``test-artifacts/`` (not committed).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("REGISTRY_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PROJECT_ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = PROJECT_ROOT / "test-artifacts"


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists() and not shutil.which("chromium"):
        pytest.skip(f"Chromium no está instalado ({CHROMIUM}); `make test` lo instala como root")
    playwright_api = pytest.importorskip("playwright.sync_api", reason="falta playwright")
    playwright = playwright_api.sync_playwright().start()
    browser = playwright.chromium.launch(
        executable_path=CHROMIUM if Path(CHROMIUM).exists() else shutil.which("chromium"),
        args=CHROMIUM_FLAGS,
    )
    yield browser
    browser.close()
    playwright.stop()


@pytest.fixture
def new_tab(browser, live_server):
    """``new_tab(viewport={...}, accept_downloads=True)``: a tab in a fresh browser context (its
    own cookies) on the live server; every context opened is closed after the test."""
    contexts = []

    def open_tab(**options):
        context = browser.new_context(base_url=live_server, locale="es-MX", **options)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(10_000)
        return page

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def page(new_tab):
    """A fresh browser tab (own cookies), desktop-sized."""
    return new_tab()


@pytest.fixture
def screenshot(request):
    """``screenshot(page, "tablero")`` saves test-artifacts/<test>/<name>.png."""

    def take(page, name: str) -> Path:
        folder = ARTIFACTS / request.node.name
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
