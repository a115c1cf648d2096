"""The counting rules' mutants: each must make a test fail (``python -m tests.mutants``).

Each mutant rewrites one line of a rule the way a slip would (the recycle bin counted, the
quarter's bounds ignored, "first reached" taken over every agreement at once, the Q3/Q4 rows of
an indicator's progress, the report's meetings by folio), runs the tests that should catch it,
and restores the file. Exits 1 if any mutant survives. Not part of ``make test`` (it runs the
same tests several times); run it after changing a rule or its tests.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUARTERLY = "tests/reports/test_quarterly.py"
PROGRESS = "tests/indicators/test_admin.py"

#: (what the slip is, file, original text, mutated text, tests that must catch it).
MUTANTS = [
    (
        "an agreement indicator counts the recycle bin",
        "registry/agreements/queries.py",
        "self.agreement.deleted_at is None\n            and ",
        "",
        QUARTERLY,
    ),
    (
        "an agreement indicator ignores the quarter's bounds",
        "registry/agreements/queries.py",
        "and start <= self.reached_on <= end",
        "",
        QUARTERLY,
    ),
    (
        '"first reached" over every agreement at once instead of per agreement',
        "registry/agreements/queries.py",
        "act = first_reaching_act(history_acts(agreement), wanted)",
        "act = first_reaching_act(every, wanted)",
        QUARTERLY,
    ),
    (
        "the Q4 row of the progress table repeats Q3",
        "registry/indicators/queries.py",
        "for quarter in (1, 2, 3, 4):",
        "for quarter in (1, 2, 3, 3):",
        PROGRESS,
    ),
    (
        "the Q4 row of the progress table counts Q3's bounds",
        "registry/indicators/queries.py",
        "start, end = quarter_bounds(year, quarter)",
        "start, end = quarter_bounds(year, min(quarter, 3))",
        PROGRESS,
    ),
    (
        "the report's meetings ordered by folio instead of date",
        "registry/meetings/queries.py",
        ".order_by(Meeting.first_date, Meeting.folio)\n    )\n    if held_only",
        ".order_by(Meeting.folio)\n    )\n    if held_only",
        QUARTERLY,
    ),
]
#: The global mutant needs every candidate's history at hand: a line it adds before the loop.
SETUP = {
    MUTANTS[2][0]: (
        "    for agreement in db.session.scalars(query):\n",
        "    rows = list(db.session.scalars(query))\n"
        "    every = [act for row in rows for act in history_acts(row)]\n"
        "    for agreement in rows:\n",
    )
}


def main() -> int:
    survivors = 0
    for name, path, old, new, tests in MUTANTS:
        source = ROOT / path
        original = source.read_text(encoding="utf-8")
        mutated = original.replace(old, new)
        if name in SETUP:
            mutated = mutated.replace(*SETUP[name])
        if original.count(old) != 1 or mutated == original:
            print(f"NOT APPLIED  {name} ({path} changed: update tests/mutants.py)")
            survivors += 1
            continue
        source.write_text(mutated, encoding="utf-8")
        try:
            run = subprocess.run(
                [sys.executable, "-m", "pytest", tests, "-q", "-x", "-p", "no:randomly"],
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
        finally:
            source.write_text(original, encoding="utf-8")
        caught = run.returncode != 0
        survivors += not caught
        last = (run.stdout.strip().splitlines() or [""])[-1]
        print(f"{'KILLED  ' if caught else 'SURVIVED'}  {name}: {last}")
    return 1 if survivors else 0


if __name__ == "__main__":
    sys.exit(main())
