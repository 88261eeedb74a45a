"""``dockwise size --format markdown``: GitHub-flavoured markdown for a pull-request comment
(tables by tabulate): stages, each stage's layers, waste, findings by bytes, thresholds."""

from __future__ import annotations

from typing import TYPE_CHECKING

from dockwise.image.units import UNITS_NOTE
from dockwise.report import size_rows as rows
from dockwise.report.markdown import escape

if TYPE_CHECKING:
    from dockwise.image.sizing import SizeReport
    from dockwise.report import ReportOptions


def _table(data: rows.Rows, header: tuple[str, ...]) -> str:
    from tabulate import tabulate

    # cells quote Dockerfile text and file names: escaped as the lint markdown report does
    escaped = [tuple(escape(cell) for cell in row) for row in data]
    return str(tabulate(escaped, headers=header, tablefmt="github", disable_numparse=True))


def render(report: SizeReport, options: ReportOptions) -> str:
    """The report as markdown."""
    out = [f"## dockwise size: `{report.subject}`", "", rows.summary(report), ""]
    if len(report.stages) > 1:
        out += ["### Stages", "", _table(rows.stage_rows(report), rows.STAGE_HEADER), ""]
    for stage in report.stages:
        title = f"### Layers of {rows.name(stage)}" + (" (final image)" if stage.is_final else "")
        out += [title, "", _table(rows.layer_rows(report, stage), rows.LAYER_HEADER), ""]
    final = report.final
    out += ["### Waste in the final image", "", f"- {rows.dive_line(final)}",
            f"- {rows.reclaimable_line(final)}", ""]
    waste = rows.waste_rows(report, final)
    if waste:
        out += [_table(waste, rows.WASTE_HEADER), ""]
    findings = rows.finding_rows(report)
    if findings or report.findings:
        out += ["### Findings by bytes", ""]
        if findings:
            out += [_table(findings, rows.FINDING_HEADER), ""]
        rest = rows.uncosted_line(report)
        if rest:
            out += [rest.replace("dockwise lint", "`dockwise lint`"), ""]
    if report.lint_error:
        out += [f"Not linted: {report.lint_error}", ""]
    if report.thresholds:
        out += ["### Thresholds", ""]
        if report.threshold_source:
            out += [f"dive's rules from `{report.threshold_source}`.", ""]
        out += ["```", *rows.threshold_lines(report), "```", ""]
    if report.kept_images:
        out += [f"Kept images: {', '.join(f'`{t}`' for t in report.kept_images)}", ""]
    out += [f"_{UNITS_NOTE}_", ""]
    return "\n".join(out)
