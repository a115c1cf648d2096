"""Load test (issue 8): the app under gunicorn, many officials at once, reading and changing.

A fresh database (PostgreSQL by default) gets synthetic agreements and meetings and one editor
account per simulated official; gunicorn serves it on 127.0.0.1 with 2 workers, as ``make run``
does. Each official signs in through the login form, then for the given time reads pages
(dashboard, lists, a filtered list, details, the map, the report as JSON) and changes things
through the real forms: the notes of its own agreement, the notes of one agreement all of them
edit at once, commitments on its own meeting, status moves. Afterwards the database must hold
every change that got a success redirect, exactly once. Requires: zero 5xx, zero requests
without an answer, zero lost edits. Prints p50/p99 overall and per kind of request.

    python -m tests.benchmarks.load                       # make load: 20 officials, 30 s
    python -m tests.benchmarks.load --clients 3 --seconds 3 --agreements 50 --database sqlite
    python -m tests.benchmarks.load --restart-postgres    # a private PostgreSQL, restarted mid-run

The PostgreSQL server is ``--server`` or REGISTRY_TEST_POSTGRES_URL (any database on it; a new
one is created and dropped). ``--restart-postgres`` runs its own throw-away cluster instead (the
shared server is never restarted) and reports whether requests after the restart succeed.
Loopback only; bounded in time (``--seconds`` plus a hard limit); cleans up after itself.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import signal
import sys
import tempfile
import threading
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass
from pathlib import Path

from tests.benchmarks.load_checks import prepare, verify
from tests.benchmarks.load_client import Official, Sample
from tests.benchmarks.load_report import render, summary
from tests.live_server import gunicorn

DEFAULT_SERVER = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
#: Seconds allowed beyond ``--seconds`` for everything else (database, filling, start, checks).
HARD_MARGIN = 600


@dataclass
class Options:
    clients: int = 20
    seconds: float = 30
    agreements: int = 1000
    workers: int = 2
    database: str = "postgresql"  #: or "sqlite"
    server: str | None = None
    restart_postgres: bool = False
    pause: float = 0
    json_path: Path | None = None


def parse(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m tests.benchmarks.load",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--clients", type=int, default=20, help="officials at once (20)")
    parser.add_argument("--seconds", type=float, default=30, help="duration (30)")
    parser.add_argument("--agreements", type=int, default=1000, help="synthetic ones (1000)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument("--database", choices=("postgresql", "sqlite"), default="postgresql")
    parser.add_argument("--server", help="PostgreSQL server URL (REGISTRY_TEST_POSTGRES_URL)")
    parser.add_argument(
        "--restart-postgres",
        action="store_true",
        help="a private PostgreSQL cluster, restarted halfway",
    )
    parser.add_argument(
        "--pause",
        type=float,
        default=0,
        help="mean seconds an official pauses between requests (0)",
    )
    parser.add_argument("--json", dest="json_path", type=Path, help="also write the figures")
    return Options(**vars(parser.parse_args(argv)))


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    signal.signal(signal.SIGALRM, _too_long)
    signal.alarm(int(options.seconds) + HARD_MARGIN)
    result = run(options)
    signal.alarm(0)
    print(render(result))
    if options.json_path:
        options.json_path.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    return 0 if result["passed"] else 1


def _too_long(signum, frame):
    raise TimeoutError("la prueba de carga excedió su tiempo máximo")


def run(options: Options) -> dict:
    """Set up, drive, check, clean up; the figures and the verdict as a dict."""
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="registro-carga-")))
        url, restart = stack.enter_context(database(options, tmp))
        _say(f"Base de datos nueva; {options.agreements:,} instrumentos sintéticos…")
        plan = prepare(url, tmp / "instance", options.clients, options.agreements)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with server(url, tmp, options.workers) as (port, log):
            _say(
                f"gunicorn en 127.0.0.1:{port}; {options.clients} oficiales, {options.seconds:g} s…"
            )
            samples, officials, window, client_cpu = drive(port, plan, options, restart)
        _say("Revisando que la base tenga cada cambio guardado…")
        server_cpu = _cpu(resource.getrusage(resource.RUSAGE_CHILDREN)) - _cpu(before)
        problems = verify(plan, officials)  # gunicorn stopped: nothing changes any more
        crashes = _errors_logged(log.read_text())
    result = verdict(summary(samples, options, window, officials), problems, crashes)
    result["cpu_seconds"] = {"gunicorn": round(server_cpu, 1), "clients": round(client_cpu, 1)}
    return result


def run_against(options: Options, database_url: str, port: int, instance: Path) -> dict:
    """The same against a server already running on an empty migrated database (the smoke
    test in the suite uses the browser tests' server); its log is not read."""
    plan = prepare(database_url, instance, options.clients, options.agreements, migrate=False)
    samples, officials, window, _cpu_seconds = drive(port, plan, options, None)
    return verdict(summary(samples, options, window, officials), verify(plan, officials), 0)


def verdict(result: dict, problems: list[str], crashes: int) -> dict:
    result["lost_or_doubled"] = problems
    result["exceptions_in_server_log"] = crashes
    restarted = "restart" in result
    result["passed"] = (
        not problems
        and result["failures"] == 0
        and result["unexpected"] == 0
        and (crashes == 0 or restarted)
    )
    return result


def _say(text: str) -> None:
    print(text, file=sys.stderr, flush=True)


def _errors_logged(log: str) -> int:
    """Requests that failed with an exception (Flask logs each once), and worker crashes."""
    lines = log.splitlines()
    return sum(1 for line in lines if "Exception on " in line or "WORKER TIMEOUT" in line)


def _cpu(usage) -> float:
    return usage.ru_utime + usage.ru_stime


@contextmanager
def database(options: Options, tmp: Path):
    """(URL of a new empty database, a function restarting its server or None)."""
    from tests.conftest import fresh_database

    if options.database == "sqlite":
        yield f"sqlite:///{tmp / 'carga.sqlite3'}", None
    elif options.restart_postgres:
        from tests.benchmarks.private_postgres import private_cluster

        with ExitStack() as stack:
            server, restart = stack.enter_context(private_cluster(tmp / "pg"))
            yield stack.enter_context(fresh_database(tmp, "registry_load", server=server)), restart
    else:
        server = options.server or os.environ.get("REGISTRY_TEST_POSTGRES_URL") or DEFAULT_SERVER
        with fresh_database(tmp, "registry_load", server=server) as url:
            yield url, None


@contextmanager
def server(url: str, tmp: Path, workers: int):
    """gunicorn on 127.0.0.1 and a free port, as ``make run`` starts it; (port, log path)."""
    log = tmp / "gunicorn.log"
    with gunicorn(url, tmp / "instance", log, workers=workers) as port:
        yield port, log


def drive(port, plan, options: Options, restart):
    """Sign every official in, let them work ``options.seconds``; (samples, officials, the
    restart's (start, end) as offsets from the start or None, the clients' CPU seconds)."""
    samples: list[Sample] = []
    start = threading.Event()
    records = (plan.agreement_ids, plan.meeting_ids)
    officials = [
        Official(n, port, account, plan.shared_id, records, start, samples)
        for n, account in enumerate(plan.accounts, 1)
    ]
    for official in officials:
        official.start()
    for official in officials:
        official.ready.wait(timeout=120)
    began, cpu = time.monotonic(), _cpu(resource.getrusage(resource.RUSAGE_SELF))
    for official in officials:
        official.deadline, official.pause = began + options.seconds, options.pause
    start.set()
    window = None
    if restart is not None:
        time.sleep(options.seconds / 2)
        stopped = time.monotonic()
        restart()
        window = (stopped - began, time.monotonic() - began)
    for official in officials:
        official.join(timeout=max(began + options.seconds + 120 - time.monotonic(), 1))
    cpu = _cpu(resource.getrusage(resource.RUSAGE_SELF)) - cpu
    for sample in samples:
        sample.sent_at -= began
    return samples, officials, window, cpu


if __name__ == "__main__":
    sys.exit(main())
