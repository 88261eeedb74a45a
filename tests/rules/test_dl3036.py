"""DL3036: zypper clean in the RUN that installs with zypper."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3036"


def test_missing_clean_is_reported_at_the_install_words() -> None:
    text = "FROM opensuse/leap:15.6\nRUN zypper -n install curl=8.6.0\n"
    assert spans(text, RULE) == [(2, 5, 2, 22)]
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == ["&& zypper clean --all"]


@pytest.mark.parametrize("command", [
    "zypper -n install curl=8.6.0 && zypper clean",
    "zypper -n in curl=8.6.0 && zypper clean --all",
    "zypper -n in curl=8.6.0 && zypper -n clean -a",
    "zypper -n in curl=8.6.0 && zypper cc -a",
    "zypper -n in curl=8.6.0 && rm -rf /var/cache/zypp/*",
    "zypper -n refresh",
    "zypper clean",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM opensuse/leap:15.6\nRUN {command}\n", RULE) == []


def test_clean_before_the_install_does_not_count() -> None:
    text = "FROM opensuse/leap:15.6\nRUN zypper clean && zypper -n in curl=8.6.0\n"
    assert codes(text, RULE) == [(2, 21)]


def test_downloading_commands_are_checked() -> None:
    text = "FROM opensuse/leap:15.6\nRUN zypper -n up && zypper -n patch && zypper -n dup\n"
    assert codes(text, RULE) == [(2, 5), (2, 21), (2, 40)]


def test_cache_mount_and_builder_stages() -> None:
    text = ("FROM opensuse/leap:15.6 AS build\n"
            "RUN zypper -n in gcc=13\n"
            "FROM opensuse/leap:15.6\n"
            "RUN --mount=type=cache,target=/var/cache/zypp zypper -n in curl=8.6.0\n"
            "COPY --from=build /usr/bin/gcc /usr/bin/gcc\n")
    assert codes(text, RULE) == []
