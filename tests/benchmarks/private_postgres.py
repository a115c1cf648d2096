"""A throw-away PostgreSQL cluster for the load test's restart (issue 9: a database restart
during traffic is survived). ``initdb`` in a temporary folder, listening on 127.0.0.1 and a free
port only, run by the ``postgres`` account when we are root; stopped and deleted afterwards.
The shared server the test suite uses is never restarted."""

from __future__ import annotations

import os
import shutil
import subprocess
from contextlib import contextmanager
from pathlib import Path

from tests.live_server import free_port


def binaries() -> Path:
    """The newest installed PostgreSQL's programs (Debian's layout), or RuntimeError."""
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]))
    if not found:
        raise RuntimeError("No encuentro pg_ctl en /usr/lib/postgresql/*/bin: instale PostgreSQL.")
    return found[-1].parent


@contextmanager
def private_cluster(folder: Path):
    """Yield (server URL, restart function) for a new cluster living in ``folder``."""
    programs, port = binaries(), free_port()
    as_owner: list[str] = []
    folder.mkdir(parents=True)
    if os.geteuid() == 0:  # PostgreSQL refuses to run as root
        as_owner = ["runuser", "-u", "postgres", "--"]
        os.chmod(folder.parent, 0o711)  # noqa: S103 - traverse only: postgres must reach its folder
        shutil.chown(folder, "postgres")
    data, log = folder / "data", folder / "postgresql.log"
    options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1"

    def pg_ctl(*arguments: str) -> None:
        command = [*as_owner, str(programs / "pg_ctl"), "-D", str(data), "-l", str(log), "-w"]
        subprocess.run([*command, *arguments], check=True, capture_output=True, timeout=120)

    subprocess.run(
        [
            *as_owner,
            str(programs / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        ],
        check=True,
        capture_output=True,
        timeout=120,
    )
    pg_ctl("-o", options, "start")
    try:
        yield (
            f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres",
            lambda: pg_ctl("-m", "fast", "-o", options, "restart"),
        )
    finally:
        pg_ctl("-m", "immediate", "stop")
