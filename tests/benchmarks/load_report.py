"""The load test's figures (p50/p99 overall and per kind of request, failures, changes saved)
and their printout."""

from __future__ import annotations

import math
from collections import defaultdict

from tests.benchmarks.load_client import Official, Sample


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile (``share`` in 0..1) of ``values``, which must not be empty."""
    ordered = sorted(values)
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def failed(sample: Sample) -> bool:
    """No answer, or a server error."""
    return sample.status == 0 or sample.status >= 500


def figures(samples: list[Sample]) -> dict:
    times = [sample.seconds * 1000 for sample in samples]
    return {
        "requests": len(samples),
        "p50_ms": round(percentile(times, 0.50), 1) if times else None,
        "p99_ms": round(percentile(times, 0.99), 1) if times else None,
        "max_ms": round(max(times), 1) if times else None,
        "5xx": sum(1 for s in samples if s.status >= 500),
        "no_answer": sum(1 for s in samples if s.status == 0),
        "4xx": sum(1 for s in samples if 400 <= s.status < 500),
    }


def summary(samples: list[Sample], options, window, officials: list[Official]) -> dict:
    """The run's figures; ``window`` is the database restart's (start, end) in seconds, or None.

    Requests that overlap the restart are counted apart: the rule is that every request sent
    after it is answered, and none before it fails."""
    timed = [sample for sample in samples if sample.sent_at >= 0]
    by_kind = defaultdict(list)
    for sample in samples:
        by_kind[sample.kind].append(sample)
    result = {
        "clients": options.clients,
        "seconds": options.seconds,
        "workers": options.workers,
        "agreements": options.agreements,
        "database": options.database,
        "pause": options.pause,
        "overall": figures(timed),
        "requests_per_second": round(len(timed) / options.seconds, 1),
        "by_kind": {kind: figures(group) for kind, group in sorted(by_kind.items())},
    }
    during = [s for s in samples if window and _overlaps(s, window)]
    outside = [s for s in samples if not (window and _overlaps(s, window))]
    result["failures"] = sum(1 for sample in outside if failed(sample))
    if window:
        after = [s for s in samples if s.sent_at >= window[1]]
        result["restart"] = {
            "from_s": round(window[0], 2),
            "to_s": round(window[1], 2),
            "during": figures(during),
            "after": figures(after),
            "after_ok": bool(after) and not any(failed(s) for s in after),
        }
        result["failures"] += 0 if result["restart"]["after_ok"] else 1
    result["changes"] = _changes(officials)
    result["unexpected"] = len(result["changes"]["unexpected"]) + result["changes"]["not_working"]
    return result


def _overlaps(sample: Sample, window) -> bool:
    return sample.sent_at <= window[1] and sample.sent_at + sample.seconds >= window[0]


def _changes(officials: list[Official]) -> dict:
    tallies = [official.tally for official in officials]
    return {
        "notes_saved": sum(len(t.notes) for t in tallies),
        "shared_notes_saved": sum(len(t.shared_notes) for t in tallies),
        "shared_conflicts": sum(t.conflicts for t in tallies),
        "commitments_saved": sum(len(t.commitments) for t in tallies),
        "moves_saved": sum(len(t.moves) for t in tallies),
        "unknown_outcome": sum(len(t.unknown) for t in tallies),
        "unexpected": [line for t in tallies for line in t.unexpected][:20],
        "not_working": sum(1 for o in officials if not o.signed_in or o.is_alive()),
    }


def render(result: dict) -> str:
    """The figures as the README reports them (Spanish, like everything the project prints)."""
    overall, changes = result["overall"], result["changes"]
    lines = [
        f"Prueba de carga: {result['clients']} oficiales durante {result['seconds']:g} s, "
        f"gunicorn con {result['workers']} workers, {result['database']}, "
        f"{result['agreements']:,} instrumentos sintéticos"
        + (f", pausa media de {result['pause']:g} s" if result["pause"] else ", sin pausas"),
        f"  {overall['requests']} peticiones ({result['requests_per_second']}/s): "
        f"p50 {overall['p50_ms']} ms, p99 {overall['p99_ms']} ms, máx. {overall['max_ms']} ms",
        f"  5xx: {overall['5xx']}  sin respuesta: {overall['no_answer']}  "
        f"4xx: {overall['4xx']}  CPU: gunicorn {result['cpu_seconds']['gunicorn']} s, "
        f"clientes {result['cpu_seconds']['clients']} s",
        f"  Cambios guardados: {changes['notes_saved']} notas propias, "
        f"{changes['shared_notes_saved']} notas compartidas "
        f"({changes['shared_conflicts']} conflictos avisados), "
        f"{changes['commitments_saved']} acuerdos, {changes['moves_saved']} cambios de estatus",
        "",
        f"  {'Tipo de petición':26} {'n':>6} {'p50 ms':>8} {'p99 ms':>8} {'máx. ms':>8}",
    ]
    for kind, row in result["by_kind"].items():
        lines.append(
            f"  {kind:26} {row['requests']:6d} {row['p50_ms']:8.1f} "
            f"{row['p99_ms']:8.1f} {row['max_ms']:8.1f}"
        )
    if "restart" in result:
        restart, during = result["restart"], result["restart"]["during"]
        verdict = "todas respondidas" if restart["after_ok"] else "CON FALLAS"
        lines += [
            "",
            f"  Reinicio de PostgreSQL entre {restart['from_s']} s y {restart['to_s']} s: "
            f"{during['requests']} peticiones lo cruzaron "
            f"({during['5xx'] + during['no_answer']} fallaron); "
            f"{restart['after']['requests']} después, {verdict}",
        ]
    lines.append("")
    for problem in result["lost_or_doubled"] + changes["unexpected"]:
        lines.append(f"  ✗ {problem}")
    if changes["not_working"]:
        lines.append(f"  ✗ {changes['not_working']} oficiales no entraron o no terminaron")
    if result["exceptions_in_server_log"]:
        mark = "·" if "restart" in result else "✗"  # while the database is down, expected
        lines.append(
            f"  {mark} {result['exceptions_in_server_log']} peticiones con excepción "
            "en el registro de gunicorn"
        )
    lines.append("  Resultado: " + ("correcto" if result["passed"] else "FALLÓ"))
    return "\n".join(lines)
