"""DL3006 untagged-image: a base image without tag or digest, after ARG resolution."""

from __future__ import annotations

import pytest
from conftest import lint, spans


def test_untagged_image_on_the_image_word() -> None:
    assert spans("FROM debian\n", "DL3006") == [(1, 6, 1, 12)]


@pytest.mark.parametrize("image", ["debian:12", "debian@sha256:" + "0" * 64,
                                   "debian:12@sha256:" + "0" * 64, "localhost:5000/app:1",
                                   "gcr.io/distroless/static:nonroot", "scratch"])
def test_tagged_or_pinned_images_pass(image: str) -> None:
    assert spans(f"FROM {image}\n", "DL3006") == []


@pytest.mark.parametrize("image", ["localhost:5000/app", "docker.io/library/debian",
                                   "ghcr.io/org/app", "org/app"])
def test_untagged_forms(image: str) -> None:
    assert spans(f"FROM {image} AS x\n", "DL3006") == [(1, 6, 1, 6 + len(image))]


def test_earlier_stage_is_not_an_image() -> None:
    assert spans("FROM debian:12 AS base\nFROM base\nFROM BASE\n", "DL3006") == []


def test_later_stage_name_is_an_image() -> None:
    # BuildKit resolves FROM only against earlier stages: this pulls "later"
    assert spans("FROM later\nFROM debian:12 AS later\n", "DL3006") == [(1, 6, 1, 11)]


def test_arg_defaults_are_resolved() -> None:
    # hadolint exempts every image starting with "$"
    text = "ARG BASE=debian\nARG IMAGE=debian\nARG TAG=12\nFROM $BASE\nFROM ${IMAGE}:${TAG}\n"
    found = [f for f in lint(text) if f.rule_id == "DL3006"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(4, 6, 11)]
    assert "resolves to 'debian'" in found[0].message


def test_registry_with_port_from_unknown_arg_has_a_tag() -> None:
    assert spans("ARG REGISTRY\nFROM $REGISTRY:5000/app:1\n", "DL3006") == []


def test_unknown_registry_cannot_add_a_tag() -> None:
    assert spans("ARG REGISTRY\nFROM ${REGISTRY}/app\n", "DL3006") == [(2, 6, 2, 21)]


@pytest.mark.parametrize("image", ["$IMAGE", "${IMAGE}", "${IMAGE:-debian}", "org/$APP",
                                   "${IMAGE}@${DIGEST}"])
def test_unknown_names_that_may_hold_a_tag_are_skipped(image: str) -> None:
    text = f"ARG IMAGE\nARG APP\nARG DIGEST\nFROM {image}\n"
    assert spans(text, "DL3006") == []


def test_stage_chosen_by_variable_is_not_reported() -> None:
    # hadolint reports FROM platform-${TARGETARCH} as an untagged image
    text = ("FROM debian:12 AS platform-amd64\nFROM debian:12 AS platform-arm64\n"
            "FROM platform-${TARGETARCH} AS final\n")
    assert spans(text, "DL3006") == []


def test_continuation_line_position() -> None:
    assert spans("FROM \\\n    debian AS x\n", "DL3006") == [(2, 5, 2, 11)]
