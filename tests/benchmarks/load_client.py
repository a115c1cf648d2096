"""One simulated official of the load test: an HTTP session over ``http.client`` with its own
cookies, signing in through the real login form and posting the real forms of the pages (their
CSRF token and version fields included), as a browser would. Every request is timed."""

from __future__ import annotations

import http.client
import random
import re
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from urllib.parse import urlencode, urlsplit

from tests.forms import page_forms

#: What an official does, with its weight: mostly reading, a third of the time changing things.
ACTIONS = {
    "tablero": 10,
    "instrumentos": 10,
    "instrumentos filtrada": 8,
    "instrumento": 14,
    "reuniones": 8,
    "reunión": 6,
    "mapa": 4,
    "informe JSON": 4,
    "editar notas propias": 16,
    "editar notas compartidas": 6,
    "agregar acuerdo": 8,
    "cambiar estatus": 4,
}
PAGES = {
    "tablero": "/",
    "instrumentos": "/instrumentos/",
    "instrumentos filtrada": "/instrumentos/?estatus=firmado&tipo=alianza&q=sintetico",
    "reuniones": "/reuniones/",
    "mapa": "/mapa/",
    "informe JSON": "/informes/trimestral.json?anio=2025&trimestre=2",
}
#: The forward moves an official's own agreement makes, one per "cambiar estatus".
MOVES = ("negociacion", "firmado", "ratificado")
CONFLICT = "No se guardó: mientras usted editaba"


@dataclass
class Sample:
    kind: str
    status: int  #: 0: no answer (connection refused or reset, time-out)
    seconds: float
    sent_at: float  #: time.monotonic() when it was sent


@dataclass
class Reply:
    status: int
    location: str
    text: str


@dataclass
class Account:
    """An official's login and the records that are theirs to change."""

    email: str
    password: str
    agreement_id: int
    meeting_id: int


@dataclass
class Tally:
    """What an official's changes got back: only a success redirect counts as saved."""

    notes: list[str] = field(default_factory=list)
    shared_notes: list[str] = field(default_factory=list)
    commitments: list[str] = field(default_factory=list)
    moves: list[str] = field(default_factory=list)
    conflicts: int = 0
    #: Changes whose outcome the server did not say (a 5xx or no answer): maybe saved.
    unknown: list[str] = field(default_factory=list)
    #: Answers no official should ever get (a 4xx, a form re-rendered with an error...).
    unexpected: list[str] = field(default_factory=list)


class Session:
    """Cookies and a keep-alive connection to the server on 127.0.0.1."""

    def __init__(self, port: int, samples: list[Sample], timeout: float = 60) -> None:
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        self.cookies: dict[str, str] = {}
        self.samples = samples

    def request(self, kind: str, method: str, path: str, fields: dict | None = None) -> Reply:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())}
        body = None
        if fields is not None:
            body = urlencode(fields, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        sent_at = time.monotonic()
        try:
            self.connection.request(method, path, body, headers)
            response = self.connection.getresponse()
            data = response.read()
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.samples.append(Sample(kind, 0, time.monotonic() - sent_at, sent_at))
            return Reply(0, "", "")
        self.samples.append(Sample(kind, response.status, time.monotonic() - sent_at, sent_at))
        for header in response.headers.get_all("Set-Cookie") or ():
            name, _, value = header.split(";", 1)[0].partition("=")
            if value:
                self.cookies[name.strip()] = value
            else:
                self.cookies.pop(name.strip(), None)
        return Reply(response.status, response.getheader("Location", ""), data.decode())

    def get(self, kind: str, path: str) -> Reply:
        return self.request(kind, "GET", path)

    def post_form(self, kind: str, path: str, html: str, changes: dict, form_id=None) -> Reply:
        """Post the page's form (the one posting to ``path`` itself, or ``form_id``)."""
        forms = page_forms(html)
        form = next(f for f in forms if (f["id"] == form_id if form_id else not f["action"]))
        target = form["action"] or path
        return self.request(kind, "POST", target, {**form["fields"], **changes})


class Official(threading.Thread):
    """Signs in, waits for the start, then works until the deadline."""

    def __init__(self, number, port, account, shared_id, records, start, samples) -> None:
        super().__init__(name=f"oficial-{number:02d}", daemon=True)
        self.number, self.account, self.shared_id = number, account, shared_id
        self.agreement_ids, self.meeting_ids = records
        self.start_signal, self.deadline, self.pause = start, None, 0.0
        self.session = Session(port, samples)
        self.rng = random.Random(number)  # noqa: S311 - a reproducible mix, not a secret
        self.tally = Tally()
        self.signed_in = False
        self.ready = threading.Event()
        self.writes = 0

    def run(self) -> None:
        try:
            self.signed_in = self.sign_in()
        finally:
            self.ready.set()
        self.start_signal.wait()
        try:
            self.work()
        finally:
            self.session.connection.close()

    def work(self) -> None:
        if self.pause:  # officials with pauses do not all start in the same instant either
            time.sleep(self.rng.uniform(0, self.pause))
        while self.signed_in and time.monotonic() < self.deadline:
            self.act(self.rng.choices(list(ACTIONS), weights=list(ACTIONS.values()))[0])
            if self.pause:  # reading the page, typing: on average ``pause`` seconds
                left = self.deadline - time.monotonic()
                time.sleep(max(min(self.rng.expovariate(1 / self.pause), left), 0))

    def sign_in(self) -> bool:
        page = self.session.get("entrar", "/entrar")
        fields = {"email": self.account.email, "password": self.account.password}
        reply = self.session.post_form("entrar", "/entrar", page.text, fields)
        return reply.status == 302 and urlsplit(reply.location).path == "/"

    def act(self, action: str) -> None:
        if action in PAGES:
            self.read(action, PAGES[action])
        elif action == "instrumento":
            self.read(action, f"/instrumentos/{self.rng.choice(self.agreement_ids)}")
        elif action == "reunión":
            self.read(action, f"/reuniones/{self.rng.choice(self.meeting_ids)}")
        elif action == "editar notas propias":
            self.edit_notes(self.account.agreement_id, self.tally.notes)
        elif action == "editar notas compartidas":
            self.edit_notes(self.shared_id, self.tally.shared_notes)
        elif action == "cambiar estatus" and len(self.tally.moves) < len(MOVES):
            self.move()
        else:
            self.add_commitment()

    def read(self, kind: str, path: str) -> None:
        reply = self.session.get(kind, path)
        if reply.status != 200 and 0 < reply.status < 500:  # e.g. sent back to the login page
            self.tally.unexpected.append(f"GET {path}: {reply.status}")

    def next_text(self, what: str) -> str:
        self.writes += 1
        return f"{what} de carga, oficial {self.number:02d}, escritura {self.writes}"

    def edit_notes(self, agreement_id: int, saved: list[str]) -> None:
        path = f"/instrumentos/{agreement_id}/editar"
        page = self.session.get("edición: formulario", path)
        if page.status != 200:
            return self.outcome(page, f"GET {path}", None)
        text = self.next_text("Nota")
        reply = self.session.post_form("edición: guardar", path, page.text, {"notes": text})
        done = f"/instrumentos/{agreement_id}"
        if reply.status == 200 and CONFLICT in reply.text:
            self.tally.conflicts += 1
        else:
            self.outcome(reply, f"POST {path}", text, saved, done)

    def add_commitment(self) -> None:
        path = f"/reuniones/{self.account.meeting_id}"
        page = self.session.get("acuerdo: reunión", path)
        if page.status != 200:
            return self.outcome(page, f"GET {path}", None)
        text = self.next_text("Acuerdo")
        reply = self.session.post_form(
            "acuerdo: agregar", path, page.text, {"text": text}, form_id="form-acuerdo"
        )
        self.outcome(reply, f"POST {path}/acuerdos", text, self.tally.commitments, path)

    def move(self) -> None:
        path = f"/instrumentos/{self.account.agreement_id}/estatus"
        page = self.session.get("estatus: formulario", path)
        if page.status != 200:
            return self.outcome(page, f"GET {path}", None)
        target = MOVES[len(self.tally.moves)]
        # the official types the act's date (no form fills it in) and ticks who signed
        changes = {"target": target, "acted_on": date.today().isoformat()}
        if target == "firmado":
            changes["signed_parties"] = re.findall(
                r'name="signed_parties"[^>]*value="(\d+)"', page.text
            )[:1]
        reply = self.session.post_form("estatus: registrar", path, page.text, changes)
        done = f"/instrumentos/{self.account.agreement_id}"
        self.outcome(reply, f"POST {path}", target, self.tally.moves, done)

    def outcome(self, reply, what, value, saved=None, done=None) -> None:
        """File a change's answer: saved (the success redirect), unknown, or unexpected."""
        if saved is not None and reply.status == 302 and urlsplit(reply.location).path == done:
            saved.append(value)
        elif reply.status == 0 or reply.status >= 500:
            if value is not None:
                self.tally.unknown.append(value)
        else:
            self.tally.unexpected.append(f"{what}: {reply.status}")
