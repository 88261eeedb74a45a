"""``dockwise size --format json``: the whole report as one JSON object; sizes in bytes
(integers), ratios as numbers (``null`` when undefined).

Shape (every stage measured, the final one included)::

    {"mode", "subject", "dockerfile", "builder", "units": "bytes", "final", "passed",
     "stages": [{"name", "index", "image_id", "tag", "base", "size", "base_size",
                 "added_size", "layer_count", "diff_to_final", "is_final", "reaches_final",
                 "engine_size", "reclaimable_bytes",
                 "dive": {"efficiency", "wasted_bytes", "user_wasted_percent", "size",
                          "user_size", "inefficient_files": [{"path", "count", "bytes"}]},
                 "layers": [{"index", "digest", "size", "dive_size", "files", "whiteouts",
                             "hidden_bytes", "hidden_files", "origin", "stage", "line",
                             "end_line", "instruction", "created_by"}],
                 "waste": [{"path", "kind", "bytes", "files", "hidden_by",
                            "written_by": [{"layer", "bytes"}]}],
                 "waste_items"}],
     "findings": [{<the lint JSON fields>, "bytes", "cost", "note"}],
     "thresholds": [{"name", "limit", "measured", "passed", "skipped", "text"}],
     "threshold_source", "kept_images"}

``waste`` and ``inefficient_files`` hold the 100 largest entries; ``waste_items`` and
``inefficient_count`` give the totals.
"""

from __future__ import annotations

import json
import math
from typing import TYPE_CHECKING, Any

from dockwise.report.json_format import finding_dict

if TYPE_CHECKING:
    from dockwise.image.sizing import SizeReport, StageSize
    from dockwise.report import ReportOptions

LIMIT = 100


def _ratio(value: float) -> float | None:
    return None if math.isnan(value) or math.isinf(value) else value


def stage_dict(stage: StageSize) -> dict[str, Any]:
    """The JSON object for one stage."""
    a = stage.analysis
    d = a.dive
    layers = []
    for layer, step in zip(a.layers, stage.steps, strict=True):
        layers.append({
            "index": layer.index, "digest": layer.digest or None, "size": layer.size,
            "dive_size": layer.tar_size, "files": layer.files, "whiteouts": layer.whiteouts,
            "hidden_bytes": layer.hidden_bytes, "hidden_files": layer.hidden_files,
            "origin": step.origin, "stage": step.stage, "line": step.line,
            "end_line": step.end_line, "instruction": step.instruction,
            "created_by": step.created_by,
        })
    return {
        "name": stage.label, "index": stage.index, "image_id": stage.image_id,
        "tag": stage.tag, "base": stage.base, "size": stage.size,
        "base_size": stage.base_size, "added_size": stage.added_size,
        "layer_count": len(a.layers), "diff_to_final": stage.diff_to_final,
        "is_final": stage.is_final, "reaches_final": stage.reaches_final,
        "engine_size": stage.engine_size, "reclaimable_bytes": a.reclaimable,
        "dive": {
            "efficiency": _ratio(d.efficiency), "wasted_bytes": d.wasted_bytes,
            "user_wasted_percent": _ratio(d.user_wasted_percent), "size": d.size,
            "user_size": d.user_size,
            "inefficient_files": [{"path": p.path, "count": p.count, "bytes": p.bytes}
                                  for p in d.inefficient[:LIMIT]],
            "inefficient_count": len(d.inefficient),
        },
        "layers": layers,
        "waste": [{"path": w.path, "kind": w.kind, "bytes": w.bytes, "files": w.files,
                   "hidden_by": w.hidden_by,
                   "written_by": [{"layer": i, "bytes": b} for i, b in w.written_by]}
                  for w in a.waste[:LIMIT]],
        "waste_items": len(a.waste),
    }


def report_dict(report: SizeReport) -> dict[str, Any]:
    """The JSON object for a whole report."""
    findings = []
    for c in report.findings:
        item = finding_dict(c.finding)
        item["bytes"] = c.bytes
        item["cost"] = None if c.cost is None else {
            "kind": c.cost.kind, "layer": c.cost.layer, "in_final_image": c.in_final_image,
            "paths": [{"path": p, "bytes": b} for p, b in c.cost.paths],
        }
        item["note"] = c.note
        findings.append(item)
    return {
        "mode": report.mode, "subject": report.subject, "dockerfile": report.dockerfile,
        "builder": report.builder, "units": "bytes", "final": report.final.label,
        "passed": report.passed,
        "stages": [stage_dict(s) for s in report.stages],
        "findings": findings,
        "lint_error": report.lint_error,
        "thresholds": [{"name": t.name, "limit": _ratio(t.limit), "measured": _ratio(t.measured),
                        "passed": t.passed, "skipped": t.skipped, "text": t.text}
                       for t in report.thresholds],
        "threshold_source": report.threshold_source,
        "kept_images": list(report.kept_images),
    }


def render(report: SizeReport, options: ReportOptions) -> str:
    """The report as indented JSON."""
    return json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
