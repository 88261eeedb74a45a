"""DW408 invalid-default-arg-in-from (BuildKit InvalidDefaultArgInFrom)."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testInvalidDefaultArgInFrom (the build args BuildKit passes
    # there do not matter: the check uses defaults only)
    assert spans("\nARG VERSION\nFROM busybox:$VERSION\n", "DW408") == [(3, 6, 3, 22)]
    assert codes("\nARG IMAGE\nFROM $IMAGE\n", "DW408") == [(3, 6)]
    assert codes('\nARG SFX="box:"\nFROM busy${SFX}\n', "DW408") == [(3, 6)]
    assert codes('\nARG VERSION="latest"\nFROM busybox:${VERSION}\n', "DW408") == []
    assert codes('\nARG BUSYBOX_VARIANT=""\nFROM busybox:stable${BUSYBOX_VARIANT}\n',
                 "DW408") == []
    assert codes("\n\tARG BUSYBOX_VARIANT\n\tFROM busybox:stable${BUSYBOX_VARIANT}\n\t",
                 "DW408") == []


@pytest.mark.parametrize("text", [
    "ARG TAG\nFROM alpine:${TAG:-3.20}\n",          # documented good case
    "ARG VARIANT\nFROM busybox:stable${VARIANT}\n",   # documented good case
    "ARG BASE=builder\nFROM alpine:3.20 AS builder\nFROM ${BASE}\n",
    "FROM --platform=$BUILDPLATFORM golang:1.22 AS build_${TARGETARCH}\n",
    "FROM build_${TARGETARCH}\n",
    "ARG A=alpine\nARG B=${A}:3.20\nFROM $B\n",
    "FROM Alpine\n",                                  # no variable: not this check
])
def test_valid_with_defaults(text: str) -> None:
    assert codes(text, "DW408") == []


def test_message_names_args_without_default() -> None:
    [f] = [f for f in lint("ARG REGISTRY\nARG TAG\nFROM $REGISTRY/app:$TAG\n")
           if f.rule_id == "DW408"]
    assert "'/app:'" in f.message and "REGISTRY, TAG have no default" in f.message
    assert f.fix == "ARG REGISTRY=<default>"


def test_upper_case_default_is_invalid() -> None:
    assert codes("ARG IMAGE=MyImage\nFROM ${IMAGE}\n", "DW408") == [(2, 6)]
