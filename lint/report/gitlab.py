"""GitLab Code Quality: the JSON array GitLab reads from a ``codequality`` report artifact.

Each finding is an issue with ``description`` (``DL3007: message``), ``check_name`` (the rule
id), a ``fingerprint`` that stays the same across runs and when unrelated lines move (see
:func:`dockwise.report.fingerprints`), ``severity`` (style -> ``info``, info -> ``minor``,
warning -> ``major``, error -> ``critical``; GitLab's ``blocker`` is not used) and ``location``
with the path relative to the working directory (the project directory in a CI job) and
``lines.begin``/``lines.end``; ``type`` and ``engine_name`` as in the Code Climate spec the
format comes from.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from dockwise.report.common import display_path, fingerprints

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.report import ReportOptions

SEVERITIES = {"style": "info", "info": "minor", "warning": "major", "error": "critical"}


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """A JSON array of Code Quality issues, files in order."""
    issues: list[dict[str, Any]] = []
    for result in results:
        path = display_path(result.path, options.cwd)
        for f, fingerprint in zip(result.findings, fingerprints(result, options), strict=True):
            issues.append({
                "type": "issue",
                "engine_name": "dockwise",
                "check_name": f.rule_id,
                "description": f"{f.rule_id}: {f.message}",
                "severity": SEVERITIES[f.severity.label],
                "fingerprint": fingerprint,
                "location": {"path": path, "lines": {"begin": f.line, "end": f.end_line}},
            })
    return json.dumps(issues, indent=2, ensure_ascii=False) + "\n"
