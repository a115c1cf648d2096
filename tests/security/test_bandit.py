"""bandit finds no medium or high severity issue in the application code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

PROJECT_ROOT = Path(__file__).resolve().parents[2]


def test_bandit_reports_no_medium_or_high_finding(tmp_path):
    pytest.importorskip("bandit", reason="bandit no está instalado (make test lo instala)")
    report = tmp_path / "bandit.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bandit",
            "-r",
            "registry",
            "--severity-level",
            "medium",
            "--format",
            "json",
            "--output",
            str(report),
            "--quiet",
        ],
        cwd=PROJECT_ROOT,
        check=False,
    )
    results = json.loads(report.read_text())["results"]
    findings = [
        f"{r['filename']}:{r['line_number']} {r['test_id']} {r['issue_text']}" for r in results
    ]
    assert findings == []
