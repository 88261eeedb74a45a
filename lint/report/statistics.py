"""``--statistics``: how often each rule fired, most frequent first.

The auditor's first question about a repository: which rules fire, how often, in how many
files. One row per rule id: id, name, severity (the highest it was reported at), number of
findings and number of files; sorted by count, then number of files (both descending), then
id.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.findings import Severity

HEADERS = ("Rule", "Name", "Severity", "Count", "Files")


def rows(results: Sequence[FileResult]) -> list[tuple[str, str, str, int, int]]:
    """``(id, name, severity label, findings, files)`` per rule, most frequent first."""
    count: Counter[str] = Counter()
    files: dict[str, set[str]] = {}
    name: dict[str, str] = {}
    level: dict[str, Severity] = {}
    for result in results:
        for f in result.findings:
            count[f.rule_id] += 1
            files.setdefault(f.rule_id, set()).add(result.path)
            name.setdefault(f.rule_id, f.rule_name)
            level[f.rule_id] = max(level.get(f.rule_id, f.severity), f.severity)
    order = sorted(count, key=lambda rid: (-count[rid], -len(files[rid]), rid))
    return [(rid, name[rid], level[rid].label, count[rid], len(files[rid])) for rid in order]


def render(results: Sequence[FileResult], markdown: bool = False) -> str:
    """The table as plain text (or a Markdown section), with a final newline; a single line
    saying so when nothing was found."""
    from tabulate import tabulate

    data = rows(results)
    if markdown:
        if not data:
            return "## Statistics\n\nNo findings.\n"
        body = tabulate(data, headers=HEADERS, tablefmt="github", disable_numparse=True,
                        colalign=("left", "left", "left", "right", "right"))
        return f"## Statistics\n\n{body}\n"
    if not data:
        return "No findings.\n"
    return tabulate(data, headers=HEADERS, tablefmt="simple",
                    colalign=("left", "left", "left", "right", "right")) + "\n"
