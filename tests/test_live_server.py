"""gunicorn as `make run`, the ``live_server`` fixture and the load test start it: each server on
the machine has its own control socket (``gunicornc``), in its instance folder."""

from __future__ import annotations

import shlex
import subprocess
import time
from pathlib import Path

from gunicorn.ctl.client import ControlClient

from tests.live_server import PROJECT_ROOT, control_socket, gunicorn


def ask(socket: Path, command: str, seconds: float = 15) -> dict:
    """``gunicornc -s socket -c command``'s answer (the socket opens just after the workers)."""
    deadline = time.monotonic() + seconds
    while not socket.exists():
        assert time.monotonic() < deadline, f"no control socket at {socket}"
        time.sleep(0.1)
    with ControlClient(str(socket), timeout=10) as client:
        return client.send_command(command)


def listening_ports(socket: Path) -> list[int]:
    return [
        int(item["address"].rsplit(":", 1)[1])
        for item in ask(socket, "show listeners")["listeners"]
    ]


def test_two_servers_at_once_each_answer_on_their_own_control_socket(database_url, tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    with gunicorn(database_url, first, tmp_path / "first.log") as first_port:
        with gunicorn(database_url, second, tmp_path / "second.log") as second_port:
            assert listening_ports(control_socket(first)) == [first_port]
            assert listening_ports(control_socket(second)) == [second_port]
            first_pid = ask(control_socket(first), "show stats")["pid"]
            assert first_pid != ask(control_socket(second), "show stats")["pid"]
        # The second one stopped and took only its own socket with it.
        assert not control_socket(second).exists()
        assert listening_ports(control_socket(first)) == [first_port]
        assert ask(control_socket(first), "show stats")["pid"] == first_pid


def test_make_run_gives_gunicorn_the_instance_control_socket():
    dry_run = subprocess.run(
        ["make", "--dry-run", "--always-make", "run"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    lines = dry_run.stdout.replace("\\\n", " ").splitlines()  # continued lines joined
    command = next(line for line in lines if "/gunicorn " in line)
    arguments = shlex.split(command)
    assert arguments[arguments.index("--control-socket") + 1] == "instance/gunicorn.ctl"
