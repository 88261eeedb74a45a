"""DL3009: delete /var/lib/apt/lists in the RUN that runs apt-get update."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3009"
INSTALL = "apt-get install -y --no-install-recommends curl=7.88.1"


def test_update_without_removal_is_reported_at_the_update_words() -> None:
    text = f"FROM debian:12\nRUN apt-get update && {INSTALL}\n"
    assert spans(text, RULE) == [(2, 5, 2, 19)]
    finding = next(f for f in lint(text) if f.rule_id == RULE)
    assert finding.fix == "&& rm -rf /var/lib/apt/lists/*"


@pytest.mark.parametrize("cleanup", [
    "rm -rf /var/lib/apt/lists/*",
    "rm -rf /var/lib/apt/lists",
    "rm -fr /var/lib/apt/lists/",
    "rm -r -f /var/lib/apt/lists/* /tmp/*",
    "rm -rf /var/lib/apt/*",
    "find /var/lib/apt/lists -type f -delete",
    "apt-get dist-clean",
    "sudo rm -rf /var/lib/apt/lists/*",
])
def test_removal_in_the_same_run_is_accepted(cleanup: str) -> None:
    text = f"FROM debian:12\nRUN apt-get update && {INSTALL} && {cleanup}\n"
    assert codes(text, RULE) == []


def test_removal_must_come_after_the_update() -> None:
    text = f"FROM debian:12\nRUN rm -rf /var/lib/apt/lists/* && apt-get update && {INSTALL}\n"
    assert codes(text, RULE) == [(2, 36)]


def test_removal_of_part_of_the_lists_does_not_count() -> None:
    text = f"FROM debian:12\nRUN apt-get update && {INSTALL} && rm -rf /var/lib/apt/lists/partial\n"
    assert codes(text, RULE) == [(2, 5)]


def test_removal_in_a_later_run_does_not_count() -> None:
    text = f"FROM debian:12\nRUN apt-get update && {INSTALL}\nRUN rm -rf /var/lib/apt/lists/*\n"
    assert codes(text, RULE) == [(2, 5)]


@pytest.mark.parametrize("mount", [
    "--mount=type=cache,target=/var/lib/apt/lists",
    "--mount=type=cache,target=/var/lib/apt/lists/,sharing=locked",
    "--mount=type=cache,dst=/var/lib/apt",
    "--mount=type=tmpfs,target=/var/lib/apt/lists",
])
def test_cache_mount_is_accepted(mount: str) -> None:
    assert codes(f"FROM debian:12\nRUN {mount} apt-get update && {INSTALL}\n", RULE) == []


def test_cache_mount_elsewhere_does_not_count() -> None:
    text = "FROM debian:12\nRUN --mount=type=cache,target=/var/cache/apt apt-get update\n"
    assert codes(text, RULE) == [(2, 46)]


def test_each_update_without_a_later_removal() -> None:
    text = ("FROM debian:12\n"
            "RUN apt-get update && rm -rf /var/lib/apt/lists/* \\\n"
            " && apt update && apt-get -qq update\n")
    assert codes(text, RULE) == [(3, 5), (3, 19)]


def test_add_apt_repository_updates_the_lists() -> None:
    text = ("FROM ubuntu:24.04\n"
            "RUN add-apt-repository -y ppa:deadsnakes/ppa\n"
            "RUN add-apt-repository -n ppa:ondrej/php\n")
    assert codes(text, RULE) == [(2, 5)]


def test_builder_stage_copied_from_is_not_checked() -> None:
    text = ("FROM debian:12 AS build\n"
            f"RUN apt-get update && {INSTALL}\n"
            "FROM debian:12 AS base\n"
            f"RUN apt-get update && {INSTALL}\n"
            "FROM base\n"
            "COPY --from=build /usr/bin/curl /usr/bin/curl\n")
    assert codes(text, RULE) == [(4, 5)]


def test_every_target_is_checked() -> None:
    # hadolint#969: a stage no other stage uses is an image (a --target) of its own
    text = ("FROM debian:12 AS image1\n"
            f"RUN apt-get update && {INSTALL}\n"
            "FROM alpine:3.20 AS image2\n")
    assert codes(text, RULE) == [(2, 5)]


def test_target_limits_the_check_to_its_lineage() -> None:
    text = ("FROM debian:12 AS image1\n"
            f"RUN apt-get update && {INSTALL}\n"
            "FROM debian:12 AS image2\n"
            f"RUN apt-get update && {INSTALL}\n")
    assert codes(text, RULE, target="image1") == [(2, 5)]
    assert codes(text, RULE) == [(2, 5), (4, 5)]
