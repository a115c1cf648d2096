"""The quarterly report's downloadable forms, shared by the web page and the CLI.

Each format turns the report data (``queries.quarterly_report``) into bytes.
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


def to_csv(report: dict) -> bytes:
    from registry.reports.csv_export import to_csv

    return to_csv(report)


def to_xlsx(report: dict) -> bytes:
    from registry.reports.sheets import workbook_bytes
    from registry.reports.tables import quarterly_tables

    title = f"Informe trimestral {report['year']} T{report['quarter']}"
    return workbook_bytes(quarterly_tables(report), title=title)


def to_docx(report: dict) -> bytes:
    from registry.reports.docx_export import to_docx

    return to_docx(report)


FORMATS: dict[str, ExportFormat] = {
    "json": ExportFormat("application/json", "json", to_json),
    "csv": ExportFormat("text/csv", "csv", to_csv),
    "xlsx": ExportFormat(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx", to_xlsx
    ),
    "docx": ExportFormat(
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document", "docx", to_docx
    ),
}


def file_name(report: dict, extension: str) -> str:
    return f"informe-trimestral-{report['year']}-T{report['quarter']}.{extension}"
