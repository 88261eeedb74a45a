"""DW405 undefined-arg-in-from (BuildKit UndefinedArgInFrom)."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans


@pytest.mark.parametrize("text", [
    # dockerfile_lint_test.go, testUndeclaredArg: no warnings
    "\nARG base=scratch\nFROM $base\nCOPY Dockerfile .\n",
    "\nARG BUILDPLATFORM=linux/amd64\nFROM --platform=$BUILDPLATFORM scratch\n",
    "\nFROM --platform=$BUILDPLATFORM scratch\nCOPY Dockerfile .\n",
    "\nARG DEBUG\nFROM scratch${DEBUG}\nCOPY Dockerfile .\n",
    "\nARG DEBUG\nFROM scra${DEBUG:-tch}\nCOPY Dockerfile .\n",
    '\nARG DEBUG=""\nFROM scratch${DEBUG-@bogus}\nCOPY Dockerfile .\n',
])
def test_buildkit_clean_cases(text: str) -> None:
    assert codes(text, "DW405") == []


def test_buildkit_reported_cases() -> None:
    found = [f for f in lint("\nFROM --platform=$BULIDPLATFORM scratch\n")
             if f.rule_id == "DW405"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 17, 31)]
    assert "did you mean $BUILDPLATFORM?" in found[0].message
    text = "\nARG MY_OS=linux\nARG MY_ARCH=amd64\nFROM --platform=linux/${MYARCH} busybox\n"
    found = [f for f in lint(text) if f.rule_id == "DW405"]
    assert [(f.line, f.column) for f in found] == [(4, 23)]
    assert "did you mean $MY_ARCH?" in found[0].message
    found = [f for f in lint("\nARG tag=latest\nFROM busybox:${tag}${version} AS b\n")
             if f.rule_id == "DW405"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(3, 20, 30)]
    assert "did you mean" not in found[0].message


def test_stage_args_do_not_reach_from() -> None:
    text = "FROM alpine:3.20 AS a\nARG VERSION=1\nFROM alpine:${VERSION}\n"
    assert codes(text, "DW405") == [(3, 13)]


def test_each_name_once_per_word_and_automatic_args_are_declared() -> None:
    text = "FROM ${REG}/${REG}/app:${TARGETARCH}-${TARGETSTAGE}\n"
    assert spans(text, "DW405") == [(1, 6, 1, 12)]
