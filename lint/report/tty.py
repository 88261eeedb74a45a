"""Terminal output with rich: findings grouped by file, the source line with the offending
span underlined, and a summary line."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from io import StringIO
from typing import TYPE_CHECKING

from dockwise.report.common import summary_line
from dockwise.report.text import printable, source_lines

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.report import ReportOptions

_STYLES = {"error": "bold red", "warning": "yellow", "info": "cyan", "style": "magenta"}


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """Render for a terminal (colour when ``options.color``)."""
    from rich.console import Console
    from rich.text import Text

    out = StringIO()
    console = Console(file=out, force_terminal=options.color, no_color=not options.color,
                      width=options.width or 100, highlight=False, soft_wrap=True)
    counts: Counter[str] = Counter()
    for result in results:
        if not result.findings:
            continue
        console.print(Text(printable(result.path), style="bold underline"))
        lines = source_lines(options.sources.get(result.path, ""))
        for f in result.findings:
            level = f.severity.label
            counts[level] += 1
            head = Text("  ")
            head.append(f"{f.line}:{f.column}", style="dim")
            head.append("  ")
            head.append(f.rule_id, style=_STYLES[level])
            head.append(f" {level}", style=_STYLES[level])
            head.append(f"  {printable(f.message)} ")
            head.append(f"({f.rule_name})", style="dim")
            console.print(head)
            if 0 < f.line <= len(lines):
                source = lines[f.line - 1].expandtabs(1)
                end = f.end_column if f.end_line == f.line else len(source) + 1
                # escapes make the shown line longer than the source: place the marks on it
                before = printable(source[:f.column - 1])
                marked = printable(source[f.column - 1:end - 1])
                gutter = f"{f.line:>6} | "
                console.print(Text(gutter, style="dim") + Text(printable(source)))
                console.print(Text(" " * (len(gutter) + len(before)) + "^" * max(1, len(marked)),
                                   style=_STYLES[level]))
        console.print()
    line = summary_line(results)
    console.print(Text(line, style="bold" if counts else "bold green"))
    return out.getvalue()
