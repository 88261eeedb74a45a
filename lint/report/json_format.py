"""JSON: a list of findings with hadolint's fields and more.

Each object has hadolint's ``code``, ``level``, ``file``, ``line``, ``column`` and ``message``, plus
``end_line``, ``end_column`` (exclusive), ``rule_name``, ``stage`` and ``fix``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.findings import Finding
    from dockwise.report import ReportOptions


def finding_dict(f: Finding) -> dict[str, Any]:
    """The JSON object for one finding."""
    return {
        "code": f.rule_id,
        "level": f.severity.label,
        "file": f.path,
        "line": f.line,
        "column": f.column,
        "end_line": f.end_line,
        "end_column": f.end_column,
        "message": f.message,
        "rule_name": f.rule_name,
        "stage": f.stage,
        "fix": f.fix,
    }


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """A JSON array of all findings, files in order."""
    items = [finding_dict(f) for r in results for f in r.findings]
    return json.dumps(items, indent=2, ensure_ascii=False) + "\n"
