"""DL3008: apt-get install packages must name a version."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3008"


def test_each_unpinned_package_is_reported_at_its_word() -> None:
    text = ("FROM debian:12\n"
            "RUN apt-get update \\\n"
            " && apt-get install -y --no-install-recommends curl git=1:2.39.2-1.1 \\\n"
            "      ca-certificates \\\n"
            " && rm -rf /var/lib/apt/lists/*\n")
    assert spans(text, RULE) == [(3, 48, 3, 52), (4, 7, 4, 22)]
    messages = [f.message for f in lint(text) if f.rule_id == RULE]
    assert messages[0] == "'curl' is installed without a version; pin it: curl=<version>"


@pytest.mark.parametrize("install", [
    "apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5",
    "apt-get install --yes curl='7.88.1-10+deb12u5'",
    "apt-get -yqq install curl=7.88.1-10+deb12u5",
    "apt-get install -y ./vendor/tool_1.2_amd64.deb /tmp/other.deb",
    "apt-get install -y -t bookworm-backports curl=8.5.0-2~bpo12+1",
    "apt-get install -y --target-release=bookworm-backports curl=8.5.0-2~bpo12+1",
    "apt-get install -y curl/bookworm-backports",
    "apt-get -o Dpkg::Options::=--force-confold install -y curl=7.88.1",
    "apt-get install -f -y",
    "apt-get update",
    "apt-get -y upgrade",
    "sudo -E apt-get install -y curl=7.88.1",
    "DEBIAN_FRONTEND=noninteractive apt-get install -y curl=7.88.1",
    "echo apt-get install curl",
])
def test_accepted(install: str) -> None:
    assert codes(f"FROM debian:12\nRUN {install}\n", RULE) == []


def test_versions_from_arg_and_env_are_resolved() -> None:
    text = ("FROM debian:12\n"
            "ARG CURL_VERSION=7.88.1-10+deb12u5\n"
            "ENV PACKAGES=\"git=1:2.39.2-1.1 jq\"\n"
            "RUN apt-get install -y \"curl=${CURL_VERSION}\" $PACKAGES\n")
    found = [(f.line, f.column, f.message) for f in lint(text) if f.rule_id == RULE]
    assert found == [(4, 47, "'jq' (from $PACKAGES) is installed without a version; "
                              "pin it: jq=<version>")]


@pytest.mark.parametrize("operand", [
    "$PACKAGES",              # ARG without a default: unknown until the build
    "\"${deps[@]}\"",         # a bash array (hadolint#363)
    "$(cat /tmp/packages.txt)",
    "$LOCAL",                 # a shell variable the RUN sets itself
])
def test_unknown_values_are_not_reported(operand: str) -> None:
    text = ("FROM debian:12\nARG PACKAGES\nENV LOCAL=curl\n"
            f"RUN LOCAL=git; deps=(a b); apt-get install -y {operand}\n")
    assert codes(text, RULE) == []


def test_a_version_variable_without_a_value_still_pins() -> None:
    text = "FROM debian:12\nARG V\nRUN apt-get install -y curl=$V\n"
    assert codes(text, RULE) == []


def test_apt_is_checked_too() -> None:
    assert codes("FROM debian:12\nRUN apt install -y curl\n", RULE) == [(2, 20)]


def test_heredoc_and_continuation_positions() -> None:
    text = ("FROM debian:12\n"
            "RUN <<EOF\n"
            "apt-get update\n"
            "apt-get install -y \\\n"
            "  curl\n"
            "EOF\n")
    assert codes(text, RULE) == [(5, 3)]


def test_fix_names_the_pinned_form() -> None:
    finding = next(f for f in lint("FROM debian:12\nRUN apt-get install -y curl\n")
                   if f.rule_id == RULE)
    assert finding.fix == "curl=<version>"


def test_onbuild_triggers_are_checked_and_can_be_ignored() -> None:
    text = ("FROM debian:12\n"
            "ONBUILD RUN apt-get install -y curl $PACKAGES\n"
            "# hadolint ignore=DL3008\n"
            "ONBUILD RUN apt-get install -y git\n")
    # $PACKAGES expands in the child build: unknown here
    assert codes(text, RULE) == [(2, 32)]
