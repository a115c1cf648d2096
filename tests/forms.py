"""Posting the real HTML form of a page, as a browser would (CSRF token included)."""

from __future__ import annotations

from html.parser import HTMLParser


class _FormParser(HTMLParser):
    """Collects the fields of every ``<form method="post">`` on a page, with their defaults."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form: dict | None = None
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "get").lower() == "post":
            self._form = {"action": attrs.get("action"), "id": attrs.get("id"), "fields": {}}
            self.forms.append(self._form)
        if self._form is None or "name" not in attrs and tag != "option":
            return
        fields = self._form["fields"]
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio"):
                if "checked" in attrs:
                    fields.setdefault(attrs["name"], attrs.get("value", "y"))
            elif kind not in ("submit", "button", "file"):
                fields[attrs["name"]] = attrs.get("value", "")
        elif tag == "select":
            self._select = attrs["name"]
        elif tag == "option" and self._select and "selected" in attrs:
            self._form["fields"][self._select] = attrs.get("value", "")
        elif tag == "textarea":
            self._textarea = attrs["name"]
            fields[attrs["name"]] = ""

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def page_forms(html: str) -> list[dict]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def submit_form(client, url: str, data: dict, form_index: int = -1, **kwargs):
    """GET ``url``, fill its POST form (the last one unless told) with ``data``, submit it.

    The form's own hidden fields (CSRF token, version counters) go along unchanged, so this
    proves the page really carries them.
    """
    page = client.get(url)
    assert page.status_code == 200, page.status_code
    form = page_forms(page.get_data(as_text=True))[form_index]
    fields = {**form["fields"], **data}
    fields = {key: value for key, value in fields.items() if value is not None}
    return client.post(form["action"] or url, data=fields, csrf=False, **kwargs)
