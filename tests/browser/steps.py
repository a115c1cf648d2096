"""Steps the browser journeys share: signing in as a user would, a photo to upload, reading
what a page shows. The journeys drive the real UI (labels, roles, buttons), never direct POSTs."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import TEST_PASSWORD


def log_in(page, user, path: str = "/") -> None:
    """Open ``path``, sign in on the login page it leads to, and land back on ``path``."""
    page.goto(path)
    page.get_by_label("Correo electrónico").fill(user.email)
    page.get_by_label("Contraseña").fill(TEST_PASSWORD)
    page.get_by_role("button", name="Entrar").click()
    page.wait_for_url(f"**{path}")


def jpeg_photo(path: Path, size: tuple[int, int] = (320, 240)) -> Path:
    """A small real JPEG (a two-colour picture), as a phone's photo would be once shrunk."""
    from PIL import Image, ImageDraw

    picture = Image.new("RGB", size, (38, 110, 160))
    ImageDraw.Draw(picture).rectangle((0, size[1] // 2, size[0], size[1]), fill=(90, 150, 60))
    picture.save(path, format="JPEG", quality=80)
    return path


def flash_text(page) -> str:
    """The text of the page's flash messages (the alerts under the menu)."""
    return " ".join(page.locator(".alert").all_inner_texts())


def shows(locator) -> None:
    """Wait (up to Playwright's timeout) until ``locator`` is visible: right after a click the
    next page may still be on its way, and an immediate look would see the old one."""
    from playwright.sync_api import expect  # here: the browser fixture skips without playwright

    expect(locator).to_be_visible()


def hides(locator) -> None:
    """Wait until ``locator`` is hidden or gone (see ``shows``)."""
    from playwright.sync_api import expect

    expect(locator).not_to_be_visible()
