"""The engine: rule selection, pragmas, severities, internal errors, exit codes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import lint

from dockwise.config import Config
from dockwise.engine import (
    FileResult,
    Linter,
    Registry,
    UnknownRuleError,
    exit_code,
    find_pragmas,
    registry,
    select_rules,
)
from dockwise.findings import Finding, Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import Span, parse

LATEST = "FROM alpine:latest\nRUN apk add curl\n"


def ids(findings: list[Finding]) -> list[tuple[str, int]]:
    return [(f.rule_id, f.line) for f in findings]


def test_default_selection_skips_off_by_default_rules() -> None:
    chosen = {r.id for r in select_rules(Config()).rules}
    assert chosen == {r.id for r in registry() if r.enabled}


def test_select_ignore_and_names() -> None:
    sel = select_rules(Config(select=("latest-tag", "DL3019"), ignore=("dl3019",)))
    assert [r.id for r in sel.rules] == ["DL3007"]
    with pytest.raises(UnknownRuleError):
        select_rules(Config(ignore=("DL9999",)))


def test_severity_override_enables_and_disables() -> None:
    sel = select_rules(Config(severity={"DL3007": Severity.ERROR, "DL3019": None}))
    assert "DL3019" not in {r.id for r in sel.rules}
    assert sel.severity["DL3007"] is Severity.ERROR


def test_shared_alias_names_every_rule() -> None:
    def noop(model: Model, config: Config) -> Iterator[Violation]:
        yield from ()

    a = Rule("DL9001", "a-rule", Severity.INFO, "", noop, aliases=("Shared",))
    b = Rule("DL9002", "b-rule", Severity.INFO, "", noop, aliases=("Shared",))
    reg = Registry([a, b])
    assert reg.resolve("shared") == [a, b]
    assert [r.id for r in select_rules(Config(select=("Shared",)), reg).rules] == [
        "DL9001", "DL9002"]


def test_local_and_global_pragmas() -> None:
    text = ("FROM alpine:latest\n# dockwise ignore=DL3019\n# another comment\nRUN apk add curl\n"
            "RUN apk add git\n")
    assert ids(lint(text, select=("DL3007", "DL3019"))) == [("DL3007", 1), ("DL3019", 5)]
    text = "# hadolint global ignore=latest-tag\n" + LATEST
    assert ids(lint(text, select=("DL3007", "DL3019"))) == [("DL3019", 3)]


def test_pragma_after_blank_line_does_not_apply() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=DL3019\n\nRUN apk add curl\n"
    assert ids(lint(text, select=("DL3019",))) == [("DL3019", 4)]


def test_pragma_covers_continuation_lines() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=DL3019\nRUN true && \\\n    apk add curl\n"
    assert ids(lint(text, select=("DL3019",))) == []


def test_disable_ignore_pragma() -> None:
    text = "# hadolint ignore=DL3007\n" + LATEST
    assert ids(lint(text, select=("DL3007",), disable_ignore_pragma=True)) == [("DL3007", 2)]


def test_find_pragmas_positions() -> None:
    df = parse("#  hadolint  global ignore = DL3007 , x\nFROM a\n")
    (pragma,) = find_pragmas(df)
    assert pragma.is_global and pragma.tool == "hadolint"
    assert [(ref, (s.start_column, s.end_column)) for ref, s in pragma.refs] == [
        ("DL3007", (30, 36)), ("x", (39, 40))]


def test_check_directive_skip_and_error() -> None:
    text = "# check=skip=JSONArgsRecommended\nFROM alpine:3.20\nCMD ./app\n"
    assert ids(lint(text, select=("DL3025",))) == []
    text = "# check=error=true\nFROM alpine:3.20\nCMD ./app\n"
    (finding,) = lint(text, select=("DL3025",))
    assert finding.severity is Severity.ERROR


def test_a_failing_rule_becomes_an_internal_error_finding() -> None:
    def boom(model: Model, config: Config) -> Iterator[Violation]:
        yield Violation(Span(1, 1, 1, 2), "fine")
        raise RuntimeError("kaput")

    reg = Registry([Rule("DW998", "boom", Severity.INFO, "", boom)])
    findings = Linter(Config(), reg=reg).lint_source("FROM a\n").findings
    assert [(f.rule_id, f.message) for f in findings] == [
        ("DW998", "fine"), ("DW999", "internal error in rule DW998: RuntimeError: kaput")]


def test_findings_carry_stage_and_sorted_order() -> None:
    text = "FROM alpine:latest AS one\nRUN apk add a\nFROM alpine:latest\nRUN apk add b\n"
    found = [(f.rule_id, f.line, f.stage) for f in lint(text, select=("DL3007", "DL3019"))]
    assert found == [("DL3007", 1, "one"), ("DL3019", 2, "one"), ("DL3007", 3, "1"),
                     ("DL3019", 4, "1")]


def _result(*levels: Severity) -> FileResult:
    return FileResult("x", [Finding("R", "r", lvl, "m", "x", Span(1, 1, 1, 2)) for lvl in levels])


@pytest.mark.parametrize(("levels", "fail_on", "code"), [
    ((), Severity.INFO, 0),
    ((Severity.STYLE,), Severity.INFO, 0),
    ((Severity.STYLE,), Severity.STYLE, 1),
    ((Severity.INFO,), Severity.INFO, 1),
    ((Severity.WARNING,), Severity.ERROR, 0),
    ((Severity.ERROR,), None, 0),
])
def test_exit_codes(levels: tuple[Severity, ...], fail_on: Severity | None, code: int) -> None:
    assert exit_code([_result(*levels)], fail_on) == code


def test_exit_code_two_wins() -> None:
    assert exit_code([_result(Severity.ERROR), FileResult("y", error="bad")], Severity.INFO) == 2
    assert exit_code([_result(Severity.ERROR)], Severity.INFO, no_fail=True) == 0


def test_retired_hadolint_ids_can_be_ignored_everywhere(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from dockwise.cli import main

    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM alpine:3.20\n# hadolint ignore=DL3005,DL4002\nRUN true\n"
                          "USER 1000\n")
    (tmp_path / ".dockwise.toml").write_text('ignore = ["DL3017", "dl3031"]\n')
    result = CliRunner().invoke(main, ["lint", "--ignore", "DL3039", str(dockerfile)])
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "")
    result = CliRunner().invoke(main, ["lint", "--select", "DL3005", str(dockerfile)])
    assert result.exit_code == 2  # selecting a rule that does not exist is still an error
    assert "unknown rule 'DL3005'" in result.stderr


def test_more_than_4096_instructions_is_an_input_error() -> None:
    from dockwise.engine import MAX_INSTRUCTIONS, Linter

    lines = ["FROM scratch"] + [f"ENV A{i}=1" for i in range(MAX_INSTRUCTIONS - 1)]
    linter = Linter(Config(select=("DL3000",)))
    assert linter.lint_source("\n".join(lines) + "\n").error is None
    result = linter.lint_source("\n".join([*lines, "ENV LAST=1"]) + "\n")
    assert (result.error, result.error_line) == ("more than 4,096 instructions; not linted", 4097)
