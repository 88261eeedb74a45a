"""DL3027: use apt-get/apt-cache, not apt."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3027"


def test_each_apt_command_is_reported_at_the_apt_word() -> None:
    text = ("FROM debian:12\n"
            "RUN apt update && sudo apt install -y curl=7.88.1 \\\n"
            " && apt search curl && rm -rf /var/lib/apt/lists/*\n")
    assert spans(text, RULE) == [(2, 5, 2, 8), (2, 24, 2, 27), (3, 5, 3, 8)]
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == ["apt-get", "apt-get",
                                                               "apt-cache"]


@pytest.mark.parametrize("command", [
    "apt-get update",
    "apt-cache policy curl",
    "echo apt install curl",
    "ls /etc/apt",
    "aptitude install curl",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM debian:12\nRUN {command}\n", RULE) == []


def test_exec_form_through_a_shell_and_heredoc() -> None:
    text = ("FROM debian:12\n"
            "RUN [\"/bin/sh\", \"-c\", \"apt update\"]\n"
            "RUN <<EOF\n"
            "/usr/bin/apt list --installed\n"
            "EOF\n")
    assert codes(text, RULE) == [(2, 24), (4, 1)]
