"""DW401 stage-name-casing (BuildKit StageNameCasing)."""

from __future__ import annotations

from conftest import codes, lint, spans


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testStageName / testWarningsBeforeError
    text = ("\n# warning: stage name should be lowercase\n#\nFROM scratch AS BadStageName\n\n"
            "# warning: 'as' should match 'FROM' cmd casing.\n#\nFROM scratch as base2\n\n"
            "FROM scratch AS base3\n")
    assert spans(text, "DW401") == [(4, 17, 4, 29)]
    assert codes("FROM scratch AS BadStageName\nMAINTAINER me@example.org\nBADCMD\n",
                 "DW401") == [(1, 17)]


def test_fix_and_lower_case_names() -> None:
    [f] = [f for f in lint("FROM golang:1.22 AS Build_Go\n") if f.rule_id == "DW401"]
    assert f.fix == "build_go" and f.severity.label == "style"
    assert codes("FROM golang:1.22 AS build-go.1\nFROM alpine:3.20\n", "DW401") == []
