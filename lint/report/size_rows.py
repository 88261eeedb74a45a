"""Table rows shared by the ``size`` reporters (markdown and tty): text only, no decisions.

Sizes are printed with :func:`dockwise.image.units.human` (docker's decimal units); every table
is a list of rows of strings with a header tuple, so each reporter only lays them out.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from dockwise.image.units import human, signed_human
from dockwise.report.text import printable

if TYPE_CHECKING:
    from dockwise.image.attribution import Step
    from dockwise.image.sizing import SizeReport, StageSize

Rows = list[tuple[str, ...]]
STAGE_HEADER = ("Stage", "Base", "Size", "Added", "Layers", "Reclaimable", "vs final")
LAYER_HEADER = ("#", "Made by", "Size", "Hidden later")
WASTE_HEADER = ("Path", "Hidden", "How", "Written by", "Hidden by")
FINDING_HEADER = ("Bytes", "Rule", "Line", "Finding")
TOP = 10


def percent(ratio: float) -> str:
    """``0.2841`` -> ``28.41 %`` (``undefined`` for NaN, as dive's user-wasted percent of a
    one-layer image)."""
    if math.isnan(ratio):
        return "undefined"
    if math.isinf(ratio):
        return "infinite"
    return f"{ratio * 100:.2f} %"


def short(text: str, width: int = 60) -> str:
    """``text`` on one line, cut to ``width`` characters, with control characters made visible
    (a history entry or a message can hold a terminal escape sequence)."""
    text = printable(" ".join(text.split()))
    return text if len(text) <= width else text[:width - 1] + "…"


def name(stage: StageSize) -> str:
    """How a stage is named in titles: its name, ``stage 2`` for an unnamed one."""
    return f"stage {stage.label}" if stage.label.isdigit() else printable(stage.label)


def made_by(report: SizeReport, stage: StageSize, step: Step) -> str:
    """What made a layer: ``Dockerfile:12 RUN apk add curl``, ``base image alpine:3.20``,
    ``ONBUILD trigger``, or the history's command."""
    if step.origin == "instruction" and step.line is not None:
        where = f"{report.dockerfile}:{step.line}" if report.dockerfile else f"line {step.line}"
        owner = f" [{step.stage}]" if step.stage and step.stage != stage.label else ""
        return f"{where}{owner} {short(step.instruction or '', 50)}"
    if step.origin == "base":
        return f"base image {printable(stage.base)}" if stage.base else "base image"
    if step.origin == "onbuild":
        return f"ONBUILD trigger: {short(step.created_by, 50)}"
    return short(step.created_by, 60) or "(no history)"


def layer_label(report: SizeReport, stage: StageSize, index: int) -> str:
    """``layer 3 (Dockerfile:12)`` for waste tables."""
    step = stage.steps[index] if index < len(stage.steps) else None
    if step is not None and step.origin == "instruction" and step.line is not None:
        name = report.dockerfile or "line"
        return f"layer {index} ({name}:{step.line})" if report.dockerfile else \
            f"layer {index} (line {step.line})"
    if step is not None and step.origin == "base":
        return f"layer {index} (base)"
    return f"layer {index}"


def stage_rows(report: SizeReport) -> Rows:
    """One row per stage: the guide's builder-vs-runtime table."""
    rows: Rows = []
    for s in report.stages:
        rows.append((name(s) + (" (final)" if s.is_final else ""), printable(s.base or "?"),
                     human(s.size),
                     human(s.added_size) if s.added_size is not None else "?",
                     str(len(s.analysis.layers)), human(s.analysis.reclaimable),
                     "" if s.is_final else signed_human(s.diff_to_final)))
    return rows


def layer_rows(report: SizeReport, stage: StageSize) -> Rows:
    """One row per layer, the base image's layers folded into one row."""
    rows: Rows = []
    layers = stage.analysis.layers
    base = [i for i, st in enumerate(stage.steps) if st.origin == "base"]
    if len(base) > 1:
        size = sum(layers[i].size for i in base)
        hidden = sum(layers[i].hidden_bytes for i in base)
        label = f"base image {printable(stage.base or '')} ({len(base)} layers)"
        rows.append((f"0-{base[-1]}" if base == list(range(len(base))) else "base",
                     label.replace("  ", " "),
                     human(size), human(hidden) if hidden else ""))
    for i, layer in enumerate(layers):
        if len(base) > 1 and i in base:
            continue
        step = stage.steps[i]
        rows.append((str(i), made_by(report, stage, step), human(layer.size),
                     human(layer.hidden_bytes) if layer.hidden_bytes else ""))
    return rows


def waste_rows(report: SizeReport, stage: StageSize, top: int = TOP) -> Rows:
    """The largest hidden-bytes items with who wrote and who hid them."""
    rows: Rows = []
    for item in stage.analysis.waste[:top]:
        writers = ", ".join(layer_label(report, stage, w) for w, _ in item.written_by[:3])
        if len(item.written_by) > 3:
            writers += f" +{len(item.written_by) - 3}"
        files = f" ({item.files} files)" if item.files > 1 else ""
        rows.append((printable(item.path), human(item.bytes) + files, item.kind, writers,
                     layer_label(report, stage, item.hidden_by)))
    return rows


def finding_rows(report: SizeReport) -> Rows:
    """Findings with a byte cost, costliest first."""
    rows: Rows = []
    for c in report.findings:
        if c.cost is None:
            continue
        f = c.finding
        where = "" if c.in_final_image else " (builder stage only)"
        detail = ", ".join(f"{p} {human(b)}" for p, b in c.cost.paths[:3])
        rows.append((human(c.cost.bytes) + where, f"{f.rule_id} {f.rule_name}", str(f.line),
                     short(f.message, 70) + (f" [{detail}]" if detail else "")))
    return rows


def dive_line(stage: StageSize) -> str:
    """dive's three figures for a stage, as one sentence."""
    d = stage.analysis.dive
    return (f"dive: efficiency {percent(d.efficiency)}, wasted bytes {human(d.wasted_bytes)} "
            f"({d.wasted_bytes:,} bytes), user-wasted {percent(d.user_wasted_percent)}")


def reclaimable_line(stage: StageSize) -> str:
    """dockwise's reclaimable bytes for a stage, as one sentence."""
    r = stage.analysis.reclaimable
    share = f" ({r / stage.size * 100:.1f} % of the image)" if stage.size else ""
    return (f"dockwise: {human(r)} ({r:,} bytes) reclaimable{share}: stored in a layer but "
            "hidden by a later one")


def threshold_lines(report: SizeReport) -> list[str]:
    """``PASS  name: text`` / ``FAIL  name: text`` / ``SKIP  name: disabled`` (a dive rule
    ``.dive-ci`` turns off), one per threshold."""
    return [f"{'SKIP' if t.skipped else 'PASS' if t.passed else 'FAIL'}  {t.name}: {t.text}"
            for t in report.thresholds]


def uncosted_line(report: SizeReport) -> str | None:
    """A sentence counting the findings without a byte cost, or ``None`` when there are none."""
    rest = sum(1 for c in report.findings if c.cost is None)
    if not rest:
        return None
    plural = "s" if rest != 1 else ""
    if rest == len(report.findings):
        return f"{rest} finding{plural}, none with a byte cost the image shows " \
            "(dockwise lint lists them)."
    return f"{rest} more finding{plural} without a byte cost (dockwise lint lists them)."


def summary(report: SizeReport) -> str:
    """One sentence about the final image."""
    f = report.final
    return (f"Final image {name(f)}: {human(f.size)} ({f.size:,} bytes) in "
            f"{len(f.analysis.layers)} layers; {human(f.analysis.reclaimable)} reclaimable.")
