"""DW402 from-as-casing (BuildKit FromAsCasing)."""

from __future__ import annotations

import pytest
from conftest import codes, spans


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testStageName
    text = ("\n# warning: stage name should be lowercase\n#\nFROM scratch AS BadStageName\n\n"
            "# warning: 'as' should match 'FROM' cmd casing.\n#\nFROM scratch as base2\n\n"
            "FROM scratch AS base3\n")
    assert spans(text, "DW402") == [(8, 14, 8, 16)]
    text = "\n# warning: 'AS' should match 'from' cmd casing.\n#\nfrom scratch AS base\n\n" \
        "from scratch as base2\n"
    assert codes(text, "DW402") == [(4, 14)]


@pytest.mark.parametrize("line", [
    "FROM alpine:3.20 AS a", "from alpine:3.20 as a", "From alpine:3.20 as a",
    "fRoM alpine:3.20 AS a", "FROM alpine:3.20", "FROM --platform=$BUILDPLATFORM alpine AS a",
])
def test_matching_or_mixed_case_from_is_fine(line: str) -> None:
    assert codes(line + "\n", "DW402") == []


@pytest.mark.parametrize(("line", "column"), [
    ("FROM alpine:3.20 As a", 18), ("from alpine:3.20 aS a", 18),
    ("FROM --platform=$BUILDPLATFORM golang:1.22 as build", 44),
])
def test_mismatches(line: str, column: int) -> None:
    assert codes(line + "\n", "DW402") == [(1, column)]
