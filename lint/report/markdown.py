"""Markdown for pull-request comments and audit reports (GitHub-flavoured tables).

A heading, the summary line, a table of counts by severity, then for each file with findings a
heading with its path and a table of the findings: line, column, rule (linked to its
documentation, with its name), severity and message. Files that could not be read or searched
are listed last. Tables are built with ``tabulate``; text that comes from Dockerfiles (paths,
messages quoting instructions) has Markdown's special characters escaped, ``|`` included, so a
Dockerfile cannot break the table or inject links, HTML or math.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from dockwise.report.common import (
    input_errors,
    rule_help_uri,
    rules_by_id,
    severity_summary,
    summary_line,
)
from dockwise.report.text import printable

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.report import ReportOptions

# ASCII punctuation that starts or ends inline markup in CommonMark/GFM (emphasis, code, links,
# images, raw HTML, entities, tables, strikethrough, math); a backslash makes each literal.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&$!#])")
_NEWLINES = re.compile(r"\s*[\r\n]+\s*")
SEVERITIES = ("error", "warning", "info", "style")


def escape(text: str) -> str:
    """``text`` as literal Markdown on one line (for a table cell or a heading); other control
    characters become visible escapes, as in the text format."""
    return _SPECIAL.sub(r"\\\1", printable(_NEWLINES.sub(" ", text)))


def table(headers: Sequence[str], rows: Sequence[Sequence[object]],
          align: Sequence[str]) -> str:
    """A GitHub-flavoured Markdown table (cells must already be escaped)."""
    from tabulate import tabulate

    return tabulate(rows, headers=headers, tablefmt="github", colalign=align,
                    disable_numparse=True)


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """The Markdown report."""
    total, counts, _ = severity_summary(results)
    out = ["# dockwise report", "", escape(summary_line(results)), ""]
    if total:
        out += [table(("Severity", "Findings"),
                      [(s, counts[s]) for s in SEVERITIES if counts[s]], ("left", "right")), ""]
    rules = rules_by_id(options)
    for result in results:
        if not result.findings:
            continue
        rows = []
        for f in result.findings:
            uri = rule_help_uri(f.rule_id, rules.get(f.rule_id))
            rule = f"[{f.rule_id}]({uri})" if uri else escape(f.rule_id)
            rows.append((f.line, f.column, f"{rule} {escape(f.rule_name)}", f.severity.label,
                         escape(f.message)))
        out += [f"## {escape(result.path)}", "",
                table(("Line", "Column", "Rule", "Severity", "Message"), rows,
                      ("right", "right", "left", "left", "left")), ""]
    problems = input_errors(results, options)
    if problems:
        out += ["## Not linted", ""]
        out += [f"- {escape(p.path)}{f':{p.line}' if p.line else ''}: {escape(p.message)}"
                for p in problems]
        out.append("")
    return "\n".join(out).rstrip("\n") + "\n"
