"""Plain text: one finding a line, ``path:line:col: ID severity: message (name)``.

The shape compilers and editors (and ``grep``) understand; used when output is not a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.findings import Finding
    from dockwise.report import ReportOptions


def text_line(f: Finding) -> str:
    """``path:line:col: ID severity: message (name)`` for one finding."""
    return (f"{f.path}:{f.line}:{f.column}: {f.rule_id} {f.severity.label}: "
            f"{f.message} ({f.rule_name})")


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """One line per finding, files in the given order, findings by position."""
    lines = [text_line(f) for result in results for f in result.findings]
    return "\n".join(lines) + ("\n" if lines else "")
