"""The load test's code path in miniature (3 officials for 3 s) and its lost-edit check shown
to catch what it is for. The real run is ``make load``; this one drives the browser tests'
server (gunicorn over the session's database, SQLite or PostgreSQL), whose tables the ``app``
fixture empties afterwards."""

from __future__ import annotations

import pytest

from tests.benchmarks.load import Options, run_against
from tests.benchmarks.load_checks import _same
from tests.benchmarks.load_report import percentile


def test_a_small_load_run_loses_nothing_and_fails_nothing(app, database_url, live_server, tmp_path):
    port = int(live_server.rsplit(":", 1)[1])
    result = run_against(Options(clients=3, seconds=3, agreements=50), database_url, port, tmp_path)
    assert result["lost_or_doubled"] == [] and result["changes"]["unexpected"] == []
    assert result["overall"]["5xx"] == result["overall"]["no_answer"] == 0
    changes = result["changes"]
    assert changes["notes_saved"] + changes["shared_notes_saved"] + changes["commitments_saved"]
    assert {"tablero", "entrar", "edición: guardar"} <= set(result["by_kind"])
    assert result["passed"]


SAVED = ["nota 1", "nota 2", "nota 3"]


@pytest.mark.parametrize(
    ("found", "unknown", "problem"),
    [
        (["nota 1", "nota 2", "nota 3"], [], None),
        (["nota 1", "nota 2"], [], "1 guardado(s) con éxito no están"),  # a lost edit
        (["nota 1", "nota 2", "nota 2", "nota 3"], [], "1 repetido(s)"),  # applied twice
        (["nota 1", "nota 2", "nota 3", "nota 4"], [], "1 de más"),  # saved though refused
        (["nota 1", "nota 2", "nota 4", "nota 3"], ["nota 4"], None),  # its answer was lost
        (["nota 2", "nota 1", "nota 3"], [], "el orden guardado no es el de las respuestas"),
    ],
)
def test_the_lost_edit_check_catches_lost_doubled_and_phantom_saves(found, unknown, problem):
    problems = _same("notas", SAVED, found, unknown)
    assert (problem in " ".join(problems)) if problem else problems == []


def test_percentiles_are_nearest_rank():
    values = list(range(1, 101))
    assert (percentile(values, 0.5), percentile(values, 0.99), percentile([7], 0.99)) == (50, 99, 7)
