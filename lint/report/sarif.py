"""SARIF 2.1.0, as GitHub code scanning and other SARIF viewers read it.

One run. ``tool.driver`` names dockwise, its version and home page, and lists as ``rules`` every
rule that could fire in this run (the selected rules; any other code that fired, such as a
ShellCheck ``SCxxxx`` code, is appended when it first appears): id, kebab-case name, the summary
as ``shortDescription``, the rule's "What it does" section as ``fullDescription``, its whole
documentation as ``help`` (text and Markdown), ``helpUri``, the default severity as
``defaultConfiguration.level``, its tags, and for security rules the ``security-severity``
score GitHub uses to rank alerts.

Each finding is a result with ``ruleId``, ``ruleIndex``, ``level`` (error -> ``error``, warning ->
``warning``, info and style -> ``note``), the message, and one physical location: the file's URI
relative to ``%SRCROOT%`` (the working directory, or ``--sarif-base``; files outside it get an
absolute ``file://`` URI) and the region. Regions are 1-based, ``endColumn`` exclusive, columns
counted in Unicode code points (``columnKind``), exactly dockwise's own positions.
``partialFingerprints["dockwise/v1"]`` is the stable fingerprint of
:func:`dockwise.report.fingerprints`.

Inputs that could not be read or searched become ``toolExecutionNotifications`` of the
invocation, and ``executionSuccessful`` is false when one of them made the exit code 2.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

from dockwise import __version__
from dockwise.report.common import (
    PROJECT_URL,
    input_errors,
    relative_path,
    rule_help_uri,
    rules_by_id,
)
from dockwise.report.common import fingerprints as finding_fingerprints

if TYPE_CHECKING:
    from dockwise.engine import FileResult
    from dockwise.findings import Finding, Rule
    from dockwise.report import ReportOptions

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"
SRCROOT = "%SRCROOT%"
LEVELS = {"error": "error", "warning": "warning", "info": "note", "style": "note"}
FINGERPRINT_KEY = "dockwise/v1"


def what_it_does(doc: str) -> str | None:
    """The text of a rule doc's ``## What it does`` section, on one line, or ``None``."""
    marker = "## What it does"
    start = doc.find(marker)
    if start < 0:
        return None
    body = doc[start + len(marker):]
    end = body.find("\n## ")
    text = " ".join((body if end < 0 else body[:end]).split())
    return text or None


def _descriptor(rule: Rule) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": rule.id,
        "name": rule.name,
        "shortDescription": {"text": rule.summary},
        "fullDescription": {"text": what_it_does(rule.doc) or rule.summary},
    }
    if rule.doc.strip():
        out["help"] = {"text": rule.doc.strip(), "markdown": rule.doc.strip()}
    uri = rule_help_uri(rule.id, rule)
    if uri:
        out["helpUri"] = uri
    config: dict[str, Any] = {"level": LEVELS[rule.severity.label]}
    if not rule.enabled:
        config["enabled"] = False
    out["defaultConfiguration"] = config
    properties: dict[str, Any] = {"tags": list(rule.tags)}
    if rule.security_severity is not None:
        properties["security-severity"] = f"{rule.security_severity:.1f}"
    out["properties"] = properties
    return out


def _late_descriptor(f: Finding) -> dict[str, Any]:
    """A descriptor for a finding whose rule was not among the run's rules: the built-in
    rule's own when it is one, else one made from the finding (a ShellCheck ``SC2086``)."""
    from dockwise.engine import registry

    rule = registry().get(f.rule_id)
    if rule is not None and rule.id == f.rule_id:
        return _descriptor(rule)
    return _code_descriptor(f)


def _code_descriptor(f: Finding) -> dict[str, Any]:
    """A descriptor for a code that is not a registered rule (``SC2086``)."""
    out: dict[str, Any] = {"id": f.rule_id, "name": f.rule_name,
                           "shortDescription": {"text": f.rule_name}}
    uri = rule_help_uri(f.rule_id)
    if uri:
        out["helpUri"] = uri
    out["defaultConfiguration"] = {"level": LEVELS[f.severity.label]}
    return out


def _artifact(path: str, base: Path, cwd: Path) -> dict[str, Any]:
    rel = relative_path(path, base, cwd)
    if rel is None:
        return {"uri": Path(os.path.normpath(os.path.join(cwd, path))).as_uri()}
    # a name that is not UTF-8 (surrogate escapes) is percent-encoded byte for byte
    return {"uri": quote(rel.encode("utf-8", "surrogateescape"), safe="/"),
            "uriBaseId": SRCROOT}


def _region(f: Finding) -> dict[str, int]:
    return {"startLine": f.line, "startColumn": f.column, "endLine": f.end_line,
            "endColumn": f.end_column}


def render(results: Sequence[FileResult], options: ReportOptions) -> str:
    """A SARIF 2.1.0 log (JSON, 2-space indent, UTF-8 text)."""
    base = Path(os.path.normpath(os.path.join(options.cwd, options.sarif_base or ".")))
    known = rules_by_id(options)
    descriptors = [_descriptor(r) for r in known.values()]
    index = {rule_id: i for i, rule_id in enumerate(known)}
    sarif_results = []
    for result in results:
        artifact = _artifact(result.path, base, options.cwd)
        prints = finding_fingerprints(result, options)
        for f, fingerprint in zip(result.findings, prints, strict=True):
            if f.rule_id not in index:
                index[f.rule_id] = len(descriptors)
                descriptors.append(_late_descriptor(f))
            item: dict[str, Any] = {
                "ruleId": f.rule_id,
                "ruleIndex": index[f.rule_id],
                "level": LEVELS[f.severity.label],
                "message": {"text": f.message},
                "locations": [{"physicalLocation": {"artifactLocation": artifact,
                                                    "region": _region(f)}}],
                "partialFingerprints": {FINGERPRINT_KEY: fingerprint},
            }
            properties = {k: v for k, v in (("stage", f.stage), ("fix", f.fix)) if v}
            if properties:
                item["properties"] = properties
            sarif_results.append(item)
    notifications = []
    for problem in input_errors(results, options):
        location: dict[str, Any] = {"artifactLocation": _artifact(problem.path, base, options.cwd)}
        if problem.line:
            location["region"] = {"startLine": problem.line}
        notifications.append({"level": "error" if problem.fatal else "warning",
                              "message": {"text": f"{problem.path}: {problem.message}"},
                              "locations": [{"physicalLocation": location}]})
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "dockwise",
            "version": __version__,
            "semanticVersion": __version__,
            "informationUri": PROJECT_URL,
            "rules": descriptors,
        }},
        "invocations": [{
            "executionSuccessful": not any(n["level"] == "error" for n in notifications),
            "toolExecutionNotifications": notifications,
        }],
        "originalUriBaseIds": {SRCROOT: {"uri": base.as_uri().rstrip("/") + "/"}},
        "columnKind": "unicodeCodePoints",
        "results": sarif_results,
    }
    log = {"$schema": SCHEMA_URI, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"
