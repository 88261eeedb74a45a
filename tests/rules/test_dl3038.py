"""DL3038: dnf/microdnf commands that prompt need -y."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3038"


def test_missing_yes_is_reported_at_the_command_words() -> None:
    text = "FROM fedora:40\nRUN dnf install httpd-2.4.62 && dnf clean all\n"
    assert spans(text, RULE) == [(2, 5, 2, 16)]
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == ["dnf install -y"]


@pytest.mark.parametrize("command", [
    "dnf install -y httpd-2.4.62",
    "dnf -y install httpd-2.4.62",
    "dnf install --assumeyes httpd-2.4.62",
    "dnf --setopt=assumeyes=True install httpd-2.4.62",
    "microdnf install -y tar-1.35",
    "dnf5 install -y tar-1.35",
    "dnf -y module install nginx:1.24",
    "dnf group install -y 'Development Tools'",
    "yes | dnf install httpd-2.4.62",
    "dnf clean all",
    "dnf makecache",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM fedora:40\nRUN {command}\n", RULE) == []


def test_every_prompting_command_and_program() -> None:
    text = ("FROM fedora:40\n"
            "RUN microdnf install tar-1.35 && dnf upgrade && dnf module install nginx:1.24 \\\n"
            " && dnf5 remove tar && dnf group install 'Development Tools'\n")
    assert codes(text, RULE) == [(2, 5), (2, 34), (2, 49), (3, 5), (3, 24)]
    assert [f.message for f in lint(text) if f.rule_id == RULE][-1] == (
        "'dnf group install' without -y stops at its confirmation prompt, which fails the "
        "build")


def test_assumeyes_in_dnf_conf_written_by_a_copy_heredoc() -> None:
    text = ("FROM fedora:40\n"
            "COPY <<EOF /etc/dnf/dnf.conf\n"
            "[main]\n"
            "assumeyes=True\n"
            "EOF\n"
            "RUN dnf install httpd-2.4.62 && dnf clean all\n")
    assert codes(text, RULE) == []
