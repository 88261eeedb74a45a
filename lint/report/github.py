"""GitHub Actions workflow commands: one annotation per finding.

``::warning file=Dockerfile,line=3,endLine=3,col=6,endColumn=17,title=DL3007 latest-tag::message``
(error -> ``error``, warning -> ``warning``, info and style -> ``notice``). GitHub shows each as an
annotation on the file and line in the pull request and the run summary. Paths are relative to
the working directory (the workspace in a job). Columns are sent only for a finding on one line,
as GitHub accepts them (``endColumn`` exclusive, as dockwise reports it). Data is escaped as the
runner requires (``%``, CR and LF as ``%25``, ``%0D``, ``%0A``; in property values ``:`` and
``,`` too, as ``%3A`` and ``%2C``); other control characters become visible escapes. Inputs
that could not be read are ``error`` annotations.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from dockwise.report.common import display_path, input_errors
from dockwise.report.text import printable

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.report import ReportOptions

COMMANDS = {"error": "error", "warning": "warning", "info": "notice", "style": "notice"}


def escape_data(text: str) -> str:
    """Escape a workflow command's message (other control characters, which the runner would
    pass to the log as they are, become visible escapes as in the text format)."""
    text = printable(text, keep="\r\n")
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a workflow command's property value."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(kind: str, message: str, **properties: object) -> str:
    """``::kind k=v,...::message`` with escaping; ``None`` properties are left out."""
    props = ",".join(f"{k}={escape_property(str(v))}" for k, v in properties.items()
                     if v is not None)
    return f"::{kind} {props}::{escape_data(message)}" if props else \
        f"::{kind}::{escape_data(message)}"


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """One workflow command a line, files in order."""
    lines = []
    for result in results:
        path = display_path(result.path, options.cwd)
        for f in result.findings:
            one_line = f.line == f.end_line
            lines.append(command(
                COMMANDS[f.severity.label], f.message, file=path, line=f.line,
                endLine=f.end_line, col=f.column if one_line else None,
                endColumn=f.end_column if one_line else None,
                title=f"{f.rule_id} {f.rule_name}"))
    for problem in input_errors(results, options):
        lines.append(command("error" if problem.fatal else "warning", problem.message,
                             file=display_path(problem.path, options.cwd), line=problem.line,
                             title="dockwise"))
    return "".join(line + "\n" for line in lines)
