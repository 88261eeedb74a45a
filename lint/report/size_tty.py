"""``dockwise size`` on a terminal: rich tables (stages, layers, waste, findings by bytes)
and a PASS/FAIL line per threshold. Sizes in docker's decimal units, as the footer says."""

from __future__ import annotations

from io import StringIO
from typing import TYPE_CHECKING

from dockwise.image.units import UNITS_NOTE
from dockwise.report import size_rows as rows

if TYPE_CHECKING:
    from rich.console import Console

    from dockwise.image.sizing import SizeReport
    from dockwise.report import ReportOptions

_RIGHT = {"Size", "Added", "Layers", "Reclaimable", "vs final", "Hidden later", "Hidden",
          "Bytes", "#", "Line"}


def _table(console: Console, title: str, data: rows.Rows, header: tuple[str, ...]) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    table = Table(title=title, title_justify="left", title_style="bold", box=box.SIMPLE_HEAD,
                  show_edge=False, pad_edge=False)
    for name in header:
        table.add_column(name, justify="right" if name in _RIGHT else "left",
                         overflow="fold")
    for row in data:
        table.add_row(*(Text(cell) for cell in row))
    console.print(table)


def render(report: SizeReport, options: ReportOptions) -> str:
    """The report for a terminal (colour when ``options.color``)."""
    from rich.console import Console
    from rich.text import Text

    out = StringIO()
    console = Console(file=out, force_terminal=options.color, no_color=not options.color,
                      width=options.width or 100, highlight=False, soft_wrap=False)
    console.print(Text(rows.summary(report), style="bold"))
    console.print()
    if len(report.stages) > 1:
        _table(console, "Stages", rows.stage_rows(report), rows.STAGE_HEADER)
        console.print()
    for stage in report.stages:
        title = f"Layers of {rows.name(stage)}" + (" (final image)" if stage.is_final else "")
        _table(console, title, rows.layer_rows(report, stage), rows.LAYER_HEADER)
        console.print()
    final = report.final
    console.print(Text("Waste in the final image", style="bold"))
    console.print(Text(f"  {rows.dive_line(final)}"))
    console.print(Text(f"  {rows.reclaimable_line(final)}"))
    waste = rows.waste_rows(report, final)
    if waste:
        console.print()
        _table(console, "Largest hidden bytes", waste, rows.WASTE_HEADER)
    console.print()
    findings = rows.finding_rows(report)
    if findings:
        _table(console, "Findings by bytes", findings, rows.FINDING_HEADER)
        console.print()
    rest = rows.uncosted_line(report)
    if rest:
        console.print(Text(rest))
        console.print()
    if report.lint_error:
        console.print(Text(f"Not linted: {report.lint_error}", style="yellow"))
        console.print()
    if report.thresholds:
        if report.threshold_source:
            console.print(Text(f"dive's rules from {report.threshold_source}"))
        for result, line in zip(report.thresholds, rows.threshold_lines(report), strict=True):
            console.print(Text(line, style="green" if result.passed else "bold red"))
        console.print()
    if report.kept_images:
        console.print(Text(f"Kept images: {', '.join(report.kept_images)}"))
    console.print(Text(UNITS_NOTE, style="dim"))
    return out.getvalue()
