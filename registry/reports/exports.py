"""The quarterly report's downloadable forms, shared by the web page and the CLI.

Each format turns the report data (``quarterly.quarterly_report``) into bytes.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ExportFormat:
    mimetype: str
    extension: str
    render: Callable[[dict], bytes]


def to_json(report: dict) -> bytes:
    return json.dumps(report, ensure_ascii=False, indent=2).encode("utf-8")


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("application/json", "json", to_json),
}


def file_name(report: dict, extension: str) -> str:
    return f"informe-trimestral-{report['year']}-T{report['quarter']}.{extension}"
