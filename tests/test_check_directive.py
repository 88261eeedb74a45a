"""BuildKit's ``# check=`` directive and ``# check=`` comments above an instruction.

Cases follow BuildKit's ``dockerfile_lint_test.go`` (``testRuleCheckOption``) and the
documented option syntax: ``skip=`` names or ``all`` (BuildKit checks only), ``error=`` parsed
as Go's ``strconv.ParseBool``, a directive BuildKit rejects changes nothing.
"""

from __future__ import annotations

import pytest
from conftest import lint

from dockwise.engine import CheckOptions, parse_check_options
from dockwise.findings import Severity

CASING = "FROM scratch as base\ncopy Dockerfile .\n"
#: The rules these cases involve (other rules stay out of the way).
RULES = ("DW402", "DW404", "DW407", "DL3007", "DL4000", "DL4003", "DL4004", "DL3012")


def found(text: str) -> list[tuple[str, int, int, str]]:
    return [(f.rule_id, f.line, f.column, f.severity.label) for f in lint(text, select=RULES)]


def test_without_directive_both_casing_checks_fire() -> None:
    assert found(CASING) == [("DW402", 1, 14, "style"), ("DW404", 2, 1, "style")]


@pytest.mark.parametrize("directive", [
    "#check=skip=all",
    "# check=skip=all",
    "#check=skip=all;error=true",
    "#check=skip=ConsistentInstructionCasing,FromAsCasing",
    "#check=skip=ConsistentInstructionCasing,FromAsCasing;error=true",
    "# check = skip = consistentinstructioncasing , from-as-casing",
    "# check=skip=DW404,DW402",
])
def test_skipped_checks_report_nothing(directive: str) -> None:
    assert found(f"{directive}\n{CASING}") == []


def test_skip_one_check_keeps_the_other() -> None:
    assert found(f"#check=skip=ConsistentInstructionCasing\n{CASING}") == \
        [("DW402", 2, 14, "style")]


def test_error_true_makes_the_remaining_checks_errors() -> None:
    assert found(f"#check=skip=ConsistentInstructionCasing;error=true\n{CASING}") == \
        [("DW402", 2, 14, "error")]


@pytest.mark.parametrize(("value", "error"), [
    ("true", True), ("1", True), ("t", True), ("T", True), ("TRUE", True), ("True", True),
    ("false", False), ("0", False), ("F", False),
])
def test_error_takes_go_booleans(value: str, error: bool) -> None:
    assert parse_check_options(f"error={value}") == CheckOptions(error=error)
    levels = {f.severity for f in lint(f"# check=error={value}\n{CASING}", select=RULES)}
    assert levels == ({Severity.ERROR} if error else {Severity.STYLE})


@pytest.mark.parametrize("value", [
    "error=yes", "error=tRUE", "skip", "skip=all;bogus=1", "nonsense=1", "skip-all",
])
def test_a_directive_buildkit_rejects_changes_nothing(value: str) -> None:
    assert parse_check_options(value) is None
    assert found(f"# check={value}\n{CASING}") == found(f"# a comment\n{CASING}")


def test_experimental_is_accepted() -> None:
    assert parse_check_options("skip=A;experimental=CopyIgnoredFile;error=false") == \
        CheckOptions(skip=frozenset({"a"}))


def test_skip_all_leaves_non_buildkit_rules_alone() -> None:
    text = "# check=skip=all\nFROM alpine:latest as base\nMAINTAINER me\n"
    assert found(text) == [("DL3007", 2, 13, "warning")]


def test_skip_by_name_only_reaches_buildkit_checks() -> None:
    text = "# check=skip=DL3007,latest-tag,MaintainerDeprecated\nFROM alpine:latest\n" \
           "MAINTAINER me\n"
    assert found(text) == [("DL3007", 2, 13, "warning")]


def test_skip_multiple_instructions_disallowed_skips_all_three_rules() -> None:
    body = ('FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n'
            'HEALTHCHECK NONE\nHEALTHCHECK NONE\n')
    assert [r for r, *_ in found(body)] == ["DL4003", "DL4004", "DL3012"]
    assert found("# check=skip=MultipleInstructionsDisallowed\n" + body) == []
    assert [r for r, *_ in found("# check=skip=DL4004\n" + body)] == ["DL4003", "DL3012"]


def test_hadolint_ids_in_skip_name_the_shared_rule() -> None:
    assert found("# check=skip=DL4000\nFROM alpine:3.20\nMAINTAINER me\n") == []


def test_check_comment_above_an_instruction_skips_it_there_only() -> None:
    text = ("FROM alpine:3.20\n"
            "# check=skip=LegacyKeyValueFormat\n"
            "ENV A 1\n"
            "ENV B 2\n")
    assert found(text) == [("DW407", 4, 5, "warning")]


def test_check_comment_takes_the_first_check_line_and_ignores_other_rules() -> None:
    text = ("FROM alpine:3.20\n"
            "# a description\n"
            "# check=skip=all\n"
            "# check=skip=nothing\n"
            "ENV A 1\n"
            "MAINTAINER me\n"
            "# check=skip=all\n"
            "FROM alpine:latest AS b\n")
    assert found(text) == [("DL4000", 6, 1, "error"), ("DL3007", 8, 13, "warning")]


def test_check_comment_separated_by_a_blank_line_does_nothing() -> None:
    text = "FROM alpine:3.20\n# check=skip=all\n\nENV A 1\n"
    assert found(text) == [("DW407", 4, 5, "warning")]
