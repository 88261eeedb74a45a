"""DL3063 reserved-stage-name (BuildKit ReservedStageName)."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testReservedStageName
    assert codes("FROM scratch AS scratch\nFROM scratch AS context\n", "DL3063") == \
        [(1, 17), (2, 17)]
    assert codes("FROM scratch\nFROM scratch AS a\n", "DL3063") == []


@pytest.mark.parametrize("name", ["Scratch", "SCRATCH", "Context"])
def test_any_case_is_the_reserved_name(name: str) -> None:
    assert spans(f"FROM alpine:3.20 AS {name}\n", "DL3063") == [(1, 21, 1, 21 + len(name))]


@pytest.mark.parametrize("name", ["scratchy", "build-context", "base", "my_scratch"])
def test_other_names_are_fine(name: str) -> None:
    assert codes(f"FROM alpine:3.20 AS {name}\n", "DL3063") == []


def test_message_and_alias() -> None:
    [finding] = [f for f in lint("FROM golang:1.22 AS scratch\n") if f.rule_id == "DL3063"]
    assert "empty base image" in finding.message
    assert finding.rule_name == "reserved-stage-name"
    assert codes("# check=skip=ReservedStageName\nFROM a:1 AS scratch\n", "DL3063") == []
