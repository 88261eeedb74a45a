"""DL3007 latest-tag: a base image tagged ``latest``."""

from __future__ import annotations

import pytest
from conftest import lint, spans


def test_latest_tag_is_reported_on_the_tag() -> None:
    assert spans("FROM alpine:latest\n", "DL3007") == [(1, 13, 1, 19)]


@pytest.mark.parametrize("image", ["alpine:3.20", "alpine", "alpine:latest@sha256:" + "0" * 64,
                                   "alpine:LATEST", "gcr.io/x/latest", "alpine:latest-slim"])
def test_other_tags_pass(image: str) -> None:
    assert spans(f"FROM {image}\n", "DL3007") == []


def test_registry_with_port() -> None:
    assert spans("FROM localhost:5000/app:latest AS a\n", "DL3007") == [(1, 25, 1, 31)]


def test_latest_from_arg_default_is_reported_on_the_image() -> None:
    text = "ARG TAG=latest\nFROM alpine:$TAG\n"
    found = [f for f in lint(text) if f.rule_id == "DL3007"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 6, 17)]
    assert "'alpine:latest'" in found[0].message
    assert found[0].fix == "alpine:<version>"


def test_unknown_tag_is_not_judged() -> None:
    assert spans("ARG TAG\nFROM alpine:$TAG\n", "DL3007") == []


def test_literal_latest_with_unknown_registry() -> None:
    assert spans("ARG REG\nFROM ${REG}/alpine:latest\n", "DL3007") == [(2, 20, 2, 26)]


def test_every_stage_is_checked() -> None:
    text = "FROM golang:latest AS build\nFROM alpine:latest\n"
    assert spans(text, "DL3007") == [(1, 13, 1, 19), (2, 13, 2, 19)]


def test_continuation_line_position() -> None:
    assert spans("FROM \\\n  alpine:latest AS x\n", "DL3007") == [(2, 10, 2, 16)]
