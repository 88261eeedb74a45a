"""DL3019: apk add --no-cache (or no apk index left in the layer)."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3019"


def test_apk_add_without_no_cache_is_reported_at_the_command_words() -> None:
    text = "FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\n"
    assert spans(text, RULE) == [(2, 5, 2, 12)]
    finding = next(f for f in lint(text) if f.rule_id == RULE)
    assert finding.fix == "apk add --no-cache ..."


@pytest.mark.parametrize("command", [
    "apk add --no-cache curl=8.9.1-r0",
    "apk --no-cache add curl=8.9.1-r0",
    "apk add curl=8.9.1-r0 --no-cache",
    "apk -U --no-cache add curl=8.9.1-r0",
    "apk add curl=8.9.1-r0 && rm -rf /var/cache/apk/*",
    "apk update && apk add curl=8.9.1-r0 && rm -rf /var/cache/apk",
    "apk add --no-cache --virtual .deps gcc=13 && apk del .deps",
    "apk update --no-cache",
    "apk del curl",
    "echo apk add curl",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM alpine:3.20\nRUN {command}\n", RULE) == []


@pytest.mark.parametrize("mount", [
    "--mount=type=cache,target=/var/cache/apk",
    "--mount=type=cache,target=/var/cache/apk/,sharing=locked",
    "--mount=type=cache,target=/etc/apk/cache",
    "--mount=type=tmpfs,target=/var/cache/apk",
])
def test_cache_mount_is_accepted(mount: str) -> None:
    assert codes(f"FROM alpine:3.20\nRUN {mount} apk add curl=8.9.1-r0\n", RULE) == []


def test_apk_update_leaves_the_index_even_with_no_cache_on_add() -> None:
    text = "FROM alpine:3.20\nRUN apk update && apk add --no-cache curl=8.9.1-r0\n"
    assert [(f.line, f.column, f.message) for f in lint(text) if f.rule_id == RULE] == [
        (2, 5, "'apk update' stores the package index in the layer; let 'apk add "
               "--no-cache' fetch it instead")]


def test_removal_before_the_add_does_not_count() -> None:
    text = "FROM alpine:3.20\nRUN rm -rf /var/cache/apk/* && apk add curl=8.9.1-r0\n"
    assert codes(text, RULE) == [(2, 32)]


def test_removal_in_a_later_run_does_not_count() -> None:
    text = "FROM alpine:3.20\nRUN apk add curl=8.9.1-r0\nRUN rm -rf /var/cache/apk/*\n"
    assert codes(text, RULE) == [(2, 5)]


def test_builder_stage_is_not_checked() -> None:
    text = ("FROM golang:1.22-alpine AS build\n"
            "RUN apk add git=2.45.2-r0\n"
            "RUN go build -o /app .\n"
            "FROM alpine:3.20\n"
            "RUN apk add tzdata=2024a-r1\n"
            "COPY --from=build /app /app\n")
    assert codes(text, RULE) == [(5, 5)]


def test_parent_stage_of_the_image_is_checked() -> None:
    text = ("FROM alpine:3.20 AS base\n"
            "RUN apk add tzdata=2024a-r1\n"
            "FROM base\n"
            "RUN apk add --no-cache curl=8.9.1-r0\n")
    assert codes(text, RULE) == [(2, 5)]


def test_builder_used_through_a_mount_is_not_checked() -> None:
    text = ("FROM alpine:3.20 AS packages\n"
            "RUN apk add abuild=3.13.0-r3\n"
            "FROM alpine:3.20\n"
            "RUN --mount=type=bind,from=packages,source=/tmp,target=/tmp/pkgs ls /tmp/pkgs\n")
    assert codes(text, RULE) == []


def test_no_network_downloads_nothing() -> None:
    text = ("FROM alpine:3.20\n"
            "RUN apk add --no-cache --virtual .build-deps gcc=13 \\\n"
            " && apk add --no-network --virtual .rundeps $runDeps \\\n"
            " && apk del --no-network .build-deps\n")
    assert codes(text, RULE) == []
