"""Once a page has been seen, the next ones cost only their HTML: every stylesheet, script and
image comes from the browser's cache without asking the server (versioned URLs, kept a year),
and came compressed the first time. Watched through Chromium's own network log (DevTools)."""

from __future__ import annotations

from tests.browser.steps import log_in, shows


class NetworkLog:
    """What the tab asked for, and what it took from its cache without asking the server."""

    def __init__(self, page) -> None:
        self.sent: dict[str, str] = {}
        self.from_cache: set[str] = set()
        self.encodings: dict[str, str] = {}
        session = page.context.new_cdp_session(page)
        session.on("Network.requestWillBeSent", self._sent)
        session.on("Network.requestServedFromCache", self._cached)
        session.on("Network.responseReceived", self._received)
        session.send("Network.enable")

    def _sent(self, event: dict) -> None:
        if event["request"]["url"].startswith("http"):
            self.sent[event["requestId"]] = event["request"]["url"]

    def _cached(self, event: dict) -> None:
        self.from_cache.add(event["requestId"])

    def _received(self, event: dict) -> None:
        headers = {name.lower(): value for name, value in event["response"]["headers"].items()}
        self.encodings[event["response"]["url"]] = headers.get("content-encoding", "")

    def from_server(self) -> list[str]:
        """The path (and query) of every URL the server was asked for."""
        base = len("http://127.0.0.1:")
        return [
            url[base:].split("/", 1)[1]
            for request_id, url in self.sent.items()
            if request_id not in self.from_cache
        ]

    def clear(self) -> None:
        self.sent.clear()
        self.from_cache.clear()


def test_a_second_page_loads_only_its_html(page, editor):
    network = NetworkLog(page)
    log_in(page, editor, "/")
    page.goto("/mapa/")
    shows(page.locator(".leaflet-control-layers-toggle"))
    page.wait_for_load_state("networkidle")
    first_visit = network.from_server()
    assert any("bootstrap.min.css?v=" in url for url in first_visit), first_visit
    assert any("leaflet.js?v=" in url for url in first_visit), first_visit
    compressed = {url: coding for url, coding in network.encodings.items() if "bootstrap" in url}
    assert compressed and set(compressed.values()) == {"br"}, compressed

    network.clear()
    page.goto("/instrumentos/")
    page.wait_for_load_state("networkidle")
    page.goto("/mapa/")
    shows(page.locator(".leaflet-control-layers-toggle"))
    page.wait_for_load_state("networkidle")
    assert network.sent, "the network log saw nothing"
    assert network.from_server() == ["instrumentos/", "mapa/"]
