"""DL3029 from-platform-flag-const-disallowed (BuildKit FromPlatformFlagConstDisallowed)."""

from __future__ import annotations

import pytest
from conftest import codes, spans

from dockwise.rules.dl3029 import parse_platform


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testFromPlatformFlagConstDisallowed
    assert spans("FROM --platform=linux/amd64 scratch\n", "DL3029") == [(1, 17, 1, 28)]
    assert codes("FROM --platform=linux/amd64 scratch AS my_amd64_stage\n", "DL3029") == []
    assert codes("FROM --platform=linux/amd64 scratch AS linux\n", "DL3029") == []


@pytest.mark.parametrize("platform", [
    "linux/arm64", "linux/arm/v7", "arm64", "windows", "LINUX/AMD64", '"linux/amd64"',
    "linux/x86_64",
])
def test_constants_are_reported(platform: str) -> None:
    assert codes(f"FROM --platform={platform} alpine:3.20 AS build\n", "DL3029") == [(1, 17)]


@pytest.mark.parametrize("platform", [
    "$BUILDPLATFORM", "${BUILDPLATFORM}", "${BUILDPLATFORM:-linux/amd64}", "linux/${TARGETARCH}",
    "$TARGETPLATFORM",
])
def test_variables_are_not_constants(platform: str) -> None:
    assert codes(f"FROM --platform={platform} alpine:3.20\n", "DL3029") == []


@pytest.mark.parametrize(("platform", "stage"), [
    ("linux/arm64", "build_arm64"),
    ("linux/arm64", "build-arm64"),
    ("linux/x86_64", "runner-amd64"),    # normalized architecture
    ("windows/amd64", "windows-base"),
])
def test_stage_named_after_the_platform_is_fine(platform: str, stage: str) -> None:
    # hadolint reports these; BuildKit documents them as the right pattern.
    assert codes(f"FROM --platform={platform} alpine:3.20 AS {stage}\n", "DL3029") == []


def test_unparseable_platform_is_left_to_buildkit() -> None:
    assert codes("FROM --platform=not/a/plat/form alpine:3.20\n", "DL3029") == []
    assert codes("FROM --platform=foo alpine:3.20\n", "DL3029") == []


@pytest.mark.parametrize(("spec", "expected"), [
    ("linux/amd64", ("linux", "amd64")),
    ("Linux/X86_64", ("linux", "amd64")),
    ("linux/aarch64", ("linux", "arm64")),
    ("macos/arm64", ("darwin", "arm64")),
    ("arm64", ("linux", "arm64")),
    ("windows", ("windows", "amd64")),
    ("linux/arm/v7", ("linux", "arm")),
    ("bogus", None),
    ("linux/am d64", None),
    ("", None),
])
def test_parse_platform(spec: str, expected: tuple[str, str] | None) -> None:
    assert parse_platform(spec) == expected
