"""DL3065 redundant-target-platform (BuildKit RedundantTargetPlatform)."""

from __future__ import annotations

import pytest
from conftest import codes, spans


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testRedundantTargetPlatform
    assert spans("FROM --platform=$TARGETPLATFORM scratch\n", "DL3065") == [(1, 17, 1, 32)]
    assert spans("FROM --platform=${TARGETPLATFORM} scratch\n", "DL3065") == [(1, 17, 1, 34)]


@pytest.mark.parametrize("value", [
    '"${TARGETPLATFORM}"', "${TARGETPLATFORM:-linux/amd64}", "'$TARGETPLATFORM'",
])
def test_other_spellings_of_the_same_value(value: str) -> None:
    # hadolint compares the text and misses the quoted and defaulted forms
    assert codes(f"FROM --platform={value} alpine:3.20\n", "DL3065") == [(1, 17)]


@pytest.mark.parametrize("value", [
    "$BUILDPLATFORM", "linux/amd64", "${TARGETPLATFORM}-x", "$TARGETPLATFORM$SUFFIX",
    "${TARGETPLATFORM:+linux/arm64}", "$TARGETOS/$TARGETARCH",
])
def test_other_values_are_not_redundant(value: str) -> None:
    assert codes(f"FROM --platform={value} alpine:3.20\n", "DL3065") == []


def test_global_default_for_targetplatform_still_redundant() -> None:
    text = "ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3.20\n"
    assert codes(text, "DL3065") == [(2, 17)]
