"""DL3037: zypper install packages must name a version."""

from __future__ import annotations

import pytest
from conftest import codes, lint

RULE = "DL3037"


def test_unpinned_packages_are_reported_at_their_words() -> None:
    text = "FROM opensuse/leap:15.6\nRUN zypper -n in curl git=2.43.0 vim && zypper clean\n"
    assert [(f.line, f.column, f.fix) for f in lint(text) if f.rule_id == RULE] == [
        (2, 18, "curl=<version>"), (2, 34, "vim=<version>")]


@pytest.mark.parametrize("packages", [
    "curl=8.6.0",
    "'curl>=8.6' 'git<3' 'vim>9' 'jq<=1.7'",
    "/tmp/app-1.0-1.x86_64.rpm https://example.com/app.rpm",
    "--repo oss -r update curl=8.6.0",
    "--from oss curl=8.6.0",
    "-t pattern devel_basis",
    "--type=pattern devel_basis",
    "-t product SLES",
    "-t package curl=8.6.0",
])
def test_accepted(packages: str) -> None:
    assert codes(f"FROM opensuse/leap:15.6\nRUN zypper -n install {packages}\n", RULE) == []


def test_variables() -> None:
    text = ("FROM opensuse/leap:15.6\n"
            "ARG CURL_VERSION=8.6.0\n"
            "ARG MORE=\"git=2.43.0 vim\"\n"
            "RUN zypper -n in curl=${CURL_VERSION} $MORE\n")
    assert codes(text, RULE) == [(4, 39)]


def test_short_forms() -> None:
    text = "FROM opensuse/leap:15.6\nRUN zypper in -y curl=8.6.0 && zypper in -y vim\n"
    assert codes(text, RULE) == [(2, 45)]
