"""DL3034: zypper commands need --non-interactive (or -y)."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3034"


def test_missing_switch_is_reported_at_the_command_words() -> None:
    text = "FROM opensuse/leap:15.6\nRUN zypper install curl=8.6.0 && zypper clean\n"
    assert spans(text, RULE) == [(2, 5, 2, 19)]
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == [
        "zypper --non-interactive install"]


@pytest.mark.parametrize("command", [
    "zypper --non-interactive install curl=8.6.0",
    "zypper -n install curl=8.6.0",
    "zypper -n in curl=8.6.0",
    "zypper install -y curl=8.6.0",
    "zypper in --no-confirm curl=8.6.0",
    "zypper -n --gpg-auto-import-keys refresh",
    "zypper -n up",
    "zypper --non-interactive patch",
    "yes | zypper install curl=8.6.0",
    "zypper refresh",
    "zypper clean --all",
    "zypper search curl",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM opensuse/leap:15.6\nRUN {command}\n", RULE) == []


@pytest.mark.parametrize("command", [
    "zypper install -n curl",          # after the command -n is --name
    "zypper rm curl",
    "zypper update",
    "zypper dup",
    "zypper si curl",
    "zypper patch",
])
def test_rejected(command: str) -> None:
    assert codes(f"FROM opensuse/leap:15.6\nRUN {command}\n", RULE) == [(2, 5)]
