"""Browser assets (registry/assets.py): every stylesheet and script a page links is asked for by
a versioned URL that the browser may keep for a year, and comes compressed when the browser
accepts it; so a second page costs only its HTML."""

from __future__ import annotations

import gzip
import json
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest

from registry.assets import file_version

YEAR = 31_536_000
#: Flask-Compress leaves smaller responses as they are (COMPRESS_MIN_SIZE).
TOO_SMALL_TO_COMPRESS = 500
#: Pages with every kind of asset: Bootstrap, our CSS and scripts, Leaflet and the map's own.
PAGES = [
    "/",
    "/instrumentos/",
    "/reuniones/",
    "/contrapartes/nueva",
    "/admin/auditoria/",
    "/mapa/",
]


class AssetLinks(HTMLParser):
    """The URLs of a page's ``<link href>`` and ``<script src>``, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        names = {"link": "href", "script": "src"}
        if tag in names and (url := dict(attrs).get(names[tag])):
            self.urls.append(url)


def asset_urls(client, path: str) -> list[str]:
    response = client.get(path)
    assert response.status_code == 200, path
    parser = AssetLinks()
    parser.feed(response.get_data(as_text=True))
    return parser.urls


def fetch(client, url: str, accept_encoding: str):
    """GET ``url`` accepting ``accept_encoding``; the response, read and closed."""
    with client.get(url, headers={"Accept-Encoding": accept_encoding}) as response:
        response.get_data()
    return response


def directives(response) -> set[str]:
    return {part.strip() for part in response.headers.get("Cache-Control", "").split(",")}


def test_every_asset_of_every_page_is_versioned_cached_for_a_year_and_compressed(admin_client):
    seen: dict[str, str] = {}
    for path in PAGES:
        urls = asset_urls(admin_client, path)
        assert urls, path
        for url in urls:
            seen.setdefault(url, path)
    assert any("bootstrap.min.css" in url for url in seen)
    assert any("leaflet.js" in url for url in seen)
    assert any(url.startswith("/static/js/") for url in seen)

    for url, page in seen.items():
        parts = urlsplit(url)
        assert not parts.netloc, f"{url} ({page}) comes from another server"
        assert parse_qs(parts.query).get("v"), f"{url} ({page}) has no version"

        packed = fetch(admin_client, url, "gzip")
        assert packed.status_code == 200, url
        assert directives(packed) == {"public", f"max-age={YEAR}", "immutable"}, url
        assert "Accept-Encoding" in packed.headers["Vary"], url
        assert "Cookie" not in packed.headers["Vary"], url  # else a new session cookie refetches
        assert "Set-Cookie" not in packed.headers, url

        plain = fetch(admin_client, url, "identity")
        assert "Content-Encoding" not in plain.headers, url
        if len(plain.data) < TOO_SMALL_TO_COMPRESS:
            assert packed.data == plain.data, url
            continue
        assert packed.headers["Content-Encoding"] == "gzip", url
        assert gzip.decompress(packed.data) == plain.data, url
        assert len(packed.data) < len(plain.data), url


def test_bootstrap_css_travels_at_a_fraction_of_its_size(admin_client):
    url = next(url for url in asset_urls(admin_client, "/") if "bootstrap.min.css" in url)
    plain = fetch(admin_client, url, "identity")
    packed = fetch(admin_client, url, "gzip, deflate, br, zstd")
    assert packed.headers["Content-Encoding"] == "br"
    assert len(packed.data) * 4 < len(plain.data)


def test_an_asset_without_its_current_version_is_revalidated(client):
    current = file_version(client.application.static_folder, "css/app.css")
    for url in ["/static/css/app.css", "/static/css/app.css?v=000000000000"]:
        response = fetch(client, url, "gzip")
        assert response.status_code == 200
        assert "immutable" not in directives(response), url
        assert "no-cache" in directives(response), url
    assert "immutable" in directives(fetch(client, f"/static/css/app.css?v={current}", "gzip"))


@pytest.mark.parametrize("url", ["/static/js/map.js", "/mapa/leaflet/leaflet.css"])
def test_an_unchanged_asset_revalidates_as_not_modified_compressed_or_not(client, url):
    for encoding in ["gzip", "identity"]:
        first = fetch(client, url, encoding)
        assert first.headers.get("Content-Encoding", "identity") == encoding
        headers = {"Accept-Encoding": encoding, "If-None-Match": first.headers["ETag"]}
        with client.get(url, headers=headers) as again:
            assert again.status_code == 304, encoding


def test_a_changed_file_gets_a_new_version(tmp_path):
    asset = tmp_path / "app.css"
    asset.write_text("body { color: black; }")
    first = file_version(str(tmp_path), "app.css")
    asset.write_text("body { color: maroon; }")
    assert file_version(str(tmp_path), "app.css") not in {None, first}
    assert file_version(str(tmp_path), "missing.css") is None
    assert file_version(str(tmp_path), "../app.css") is None


def test_the_login_page_assets_are_versioned_too(client):
    urls = asset_urls(client, "/entrar")
    assert urls
    assert all(parse_qs(urlsplit(url).query).get("v") for url in urls), urls


@pytest.mark.parametrize("path", ["/", "/mapa/"])
def test_pages_are_not_compressed_they_hold_the_csrf_token(admin_client, path):
    response = admin_client.get(path, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "Content-Encoding" not in response.headers


def test_json_is_compressed_and_still_answers_not_modified(reader_client):
    url = "/contrapartes/capas/zmo.geojson"  # the ZMO layer, revalidated by its ETag
    first = fetch(reader_client, url, "gzip")
    assert first.status_code == 200
    assert first.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(first.data))["type"] == "FeatureCollection"
    headers = {"Accept-Encoding": "gzip", "If-None-Match": first.headers["ETag"]}
    assert reader_client.get(url, headers=headers).status_code == 304
