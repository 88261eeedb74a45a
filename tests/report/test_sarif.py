"""SARIF: every log validates against the SARIF 2.1.0 schema (format checks on), and carries
what GitHub code scanning reads."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from dockwise import __version__
from dockwise.config import Config
from dockwise.discover import Problem
from dockwise.engine import FileResult, Linter, registry
from dockwise.findings import Finding, Rule, Severity, Violation
from dockwise.report import ReportOptions, render
from dockwise.report.sarif import _descriptor, what_it_does
from dockwise.syntax.nodes import Span

from .conftest import SAMPLE_CWD, sample_options, sample_results

Validate = Callable[[str], dict[str, Any]]


def _check(model: object, config: object) -> list[Violation]:
    return []


def _result(log: dict[str, Any], n: int = 0) -> dict[str, Any]:
    return log["runs"][0]["results"][n]  # type: ignore[no-any-return]


def test_sample_log_is_valid_and_complete(validate_sarif: Validate) -> None:
    log = validate_sarif(render("sarif", sample_results(), sample_options()))
    assert log["version"] == "2.1.0"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("dockwise", __version__)
    assert driver["informationUri"] == "https://github.com/dockwise/dockwise"
    ids = [r["id"] for r in driver["rules"]]
    assert ids == ["DL1000", "DL3002", "DL3007", "DL3019", "DL3025", "DW103", "DW105", "DW106",
                   "DW108", "DW109", "SC2086"]  # the code outside the registry comes last
    # every result points at its own rule
    for result in run["results"]:
        assert ids[result["ruleIndex"]] == result["ruleId"]
    first = _result(log)
    assert first["ruleId"] == "DL3007" and first["level"] == "warning"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "samples/go-app.Dockerfile", "uriBaseId": "%SRCROOT%"},
        "region": {"startLine": 2, "startColumn": 13, "endLine": 2, "endColumn": 19}}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///project/"}}
    assert [r["level"] for r in run["results"]].count("note") == 5  # 2 info + 3 style
    invocation = run["invocations"][0]
    assert invocation["executionSuccessful"] is False  # the binary file
    assert [n["level"] for n in invocation["toolExecutionNotifications"]] == ["warning", "error"]


def test_descriptor_fields() -> None:
    rule = Rule(id="DW999X", name="made-up", severity=Severity.INFO, summary="Short one.",
                check=_check, doc="DW999X ``made-up``: x.\n\n## What it does\nDoes\n  this.\n\n"
                "## Why is this bad?\nBecause.\n", enabled=False, tags=("security", "size"),
                security_severity=7.5)
    assert _descriptor(rule) == {
        "id": "DW999X", "name": "made-up",
        "shortDescription": {"text": "Short one."},
        "fullDescription": {"text": "Does this."},
        "help": {"text": rule.doc.strip(), "markdown": rule.doc.strip()},
        "defaultConfiguration": {"level": "note", "enabled": False},
        "properties": {"tags": ["security", "size"], "security-severity": "7.5"},
    }  # no helpUri: the rule is not a built-in module
    assert what_it_does("no sections") is None


def test_help_uri_is_the_rule_module() -> None:
    for rule in registry():
        descriptor = _descriptor(rule)
        module = rule.check.__module__.rsplit(".", 1)[1]
        assert descriptor["helpUri"] == \
            f"https://github.com/dockwise/dockwise/blob/main/rules/{module}.py"
        assert descriptor["fullDescription"]["text"]
        if rule.security_severity is not None:
            assert "security" in rule.tags, f"{rule.id}: GitHub reads security-severity only " \
                "for rules tagged security"


def test_every_builtin_rule_listed_by_default(validate_sarif: Validate) -> None:
    log = validate_sarif(render("sarif", [FileResult("Dockerfile")], ReportOptions()))
    listed = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert listed == [r.id for r in registry()]
    assert log["runs"][0]["results"] == []
    assert log["runs"][0]["invocations"][0] == {"executionSuccessful": True,
                                                "toolExecutionNotifications": []}


def _finding(rule_id: str, name: str, path: str = "Dockerfile") -> Finding:
    return Finding(rule_id, name, Severity.WARNING, "quoted $x", path, Span(2, 3, 2, 5))


def test_code_outside_the_registry_gets_a_descriptor(validate_sarif: Validate) -> None:
    results = [FileResult("Dockerfile", [_finding("SC2086", "shellcheck"),
                                         _finding("SC2086", "shellcheck")])]
    log = validate_sarif(render("sarif", results, ReportOptions(rules=registry().rules[:1])))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["DL1000", "SC2086"]
    assert rules[1]["helpUri"] == "https://www.shellcheck.net/wiki/SC2086"
    assert [r["ruleIndex"] for r in log["runs"][0]["results"]] == [1, 1]


def test_uris_relative_to_sarif_base_and_outside(validate_sarif: Validate, tmp_path: Path) -> None:
    results = [FileResult("services/api v2/Dockerfile", [_finding("DL3007", "latest-tag",
                                                                  "services/api v2/Dockerfile")]),
               FileResult("/elsewhere/Dockerfile", [_finding("DL3007", "latest-tag",
                                                             "/elsewhere/Dockerfile")])]
    options = ReportOptions(cwd=Path("/repo"), sarif_base=Path("services"))
    log = validate_sarif(render("sarif", results, options))
    run = log["runs"][0]
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"]
                 for r in run["results"]]
    assert locations == [{"uri": "api%20v2/Dockerfile", "uriBaseId": "%SRCROOT%"},
                         {"uri": "file:///elsewhere/Dockerfile"}]
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": "file:///repo/services/"}}


def test_discovery_problem_alone_is_a_notification(validate_sarif: Validate) -> None:
    options = ReportOptions(cwd=SAMPLE_CWD, problems=(Problem("src", "cannot read directory: "
                                                              "Permission denied"),))
    log = validate_sarif(render("sarif", [], options))
    invocation = log["runs"][0]["invocations"][0]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == \
        "src: cannot read directory: Permission denied"


def test_real_lint_of_samples_with_every_rule(validate_sarif: Validate) -> None:
    linter = Linter(Config(select=("ALL",)))
    samples = Path(__file__).parent / "samples"
    results = [linter.lint_path(p) for p in sorted(samples.glob("*.Dockerfile"))]
    sources = {r.path: Path(r.path).read_text() for r in results}
    log = validate_sarif(render("sarif", results, ReportOptions(sources=sources)))
    assert len(log["runs"][0]["results"]) == sum(len(r.findings) for r in results)


def test_builtin_rule_outside_the_run_gets_its_full_descriptor(validate_sarif: Validate) -> None:
    results = [FileResult("Dockerfile", [_finding("DL3007", "latest-tag")])]
    only = tuple(r for r in registry() if r.id == "DL3019")
    log = validate_sarif(render("sarif", results, ReportOptions(rules=only)))
    rules = log["runs"][0]["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == ["DL3019", "DL3007"]
    assert rules[1] == _descriptor(registry().get("DL3007"))  # type: ignore[arg-type]
