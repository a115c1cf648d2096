"""The app under a real WSGI server: gunicorn in a subprocess, on 127.0.0.1 and a free port,
over a given database. The ``live_server`` fixture (browser journeys, the load smoke test) and
the load test (``python -m tests.benchmarks.load``) start it through here."""

from __future__ import annotations

import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(
    database_url: str, instance: Path, log_path: Path, workers: int = 1, threads: int = 1
) -> Iterator[int]:
    """Start gunicorn, wait until it serves the login page, yield its port; stop it after."""
    port = free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "SECRET_KEY": "clave-del-servidor-de-pruebas",
        "REGISTRY_INSTANCE_PATH": str(instance),
        "UPLOAD_FOLDER": str(instance / "uploads"),
    }
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "--workers",
        str(workers),
        "--threads",
        str(threads),
        "--bind",
        f"127.0.0.1:{port}",
        "registry:create_app()",
    ]
    with log_path.open("w") as log:
        server = subprocess.Popen(
            command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            wait_until_up(port, server)
            yield port
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()


def wait_until_up(port: int, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn terminó al arrancar (código {server.returncode})")
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/entrar")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.1)
        finally:
            connection.close()
    raise RuntimeError(f"el servidor no respondió en {seconds} s: http://127.0.0.1:{port}/entrar")
