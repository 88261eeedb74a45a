"""DL3014: apt-get commands that prompt need -y (or an equivalent)."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3014"
PKG = "--no-install-recommends curl=7.88.1"


def test_missing_yes_is_reported_at_the_command_words() -> None:
    text = f"FROM debian:12\nRUN apt-get update && apt-get install {PKG}\n"
    assert spans(text, RULE) == [(2, 23, 2, 38)]
    finding = next(f for f in lint(text) if f.rule_id == RULE)
    assert finding.fix == "apt-get install -y"


@pytest.mark.parametrize("command", [
    f"apt-get install -y {PKG}",
    f"apt-get install {PKG} -y",
    f"apt-get -y install {PKG}",
    f"apt-get install --yes {PKG}",
    f"apt-get install --assume-yes {PKG}",
    f"apt-get -yq install {PKG}",
    f"apt-get install -qqy {PKG}",
    f"apt-get -qq install {PKG}",
    f"apt-get -q -q install {PKG}",
    f"apt-get --quiet --quiet install {PKG}",
    f"apt-get -q=2 install {PKG}",
    f"apt-get --quiet=2 install {PKG}",
    f"apt-get -o APT::Get::Assume-Yes=true install {PKG}",
    f"apt-get --option=APT::Get::Assume-Yes=1 install {PKG}",
    f"apt-get -s install {PKG}",
    f"yes | apt-get install {PKG}",
    f"sudo DEBIAN_FRONTEND=noninteractive apt-get install -y {PKG}",
    f"env DEBIAN_FRONTEND=noninteractive apt-get install -y {PKG}",
    "apt-get update",
    "apt-get clean",
    "apt-cache policy curl",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM debian:12\nRUN {command}\n", RULE) == []


@pytest.mark.parametrize("command", [
    f"DEBIAN_FRONTEND=noninteractive apt-get install {PKG}",   # debconf, not apt-get's prompt
    f"apt-get -q install {PKG}",                               # quiet level 1 does not imply -y
    f"apt-get -o APT::Get::Assume-Yes=false install {PKG}",
    f"echo y | cat && apt-get install {PKG}",
])
def test_rejected(command: str) -> None:
    assert len(codes(f"FROM debian:12\nRUN {command}\n", RULE)) == 1


def test_every_prompting_command_is_checked() -> None:
    text = ("FROM debian:12\n"
            "RUN apt-get upgrade && apt-get dist-upgrade && apt-get remove curl \\\n"
            " && apt-get purge curl && apt-get autoremove && apt-get build-dep curl \\\n"
            " && apt full-upgrade && apt-get reinstall curl\n")
    assert codes(text, RULE) == [(2, 5), (2, 24), (2, 48), (3, 5), (3, 27), (3, 49),
                                 (4, 5), (4, 25)]


def test_assume_yes_written_to_apt_conf_earlier_in_the_image() -> None:
    text = ("FROM debian:12 AS base\n"
            "RUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90assumeyes\n"
            "FROM base\n"
            f"RUN apt-get install {PKG}\n")
    assert codes(text, RULE) == []


def test_assume_yes_written_by_a_copy_heredoc() -> None:
    text = ("FROM debian:12\n"
            "COPY <<EOF /etc/apt/apt.conf.d/90assumeyes\n"
            "APT::Get::Assume-Yes \"1\";\n"
            "EOF\n"
            f"RUN apt-get install {PKG}\n")
    assert codes(text, RULE) == []


def test_setting_written_after_the_command_does_not_count() -> None:
    text = ("FROM debian:12\n"
            f"RUN apt-get install {PKG}\n"
            "RUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90assumeyes\n")
    assert codes(text, RULE) == [(2, 5)]


def test_setting_in_an_unrelated_stage_does_not_count() -> None:
    text = ("FROM debian:12 AS other\n"
            "RUN echo 'APT::Get::Assume-Yes \"true\";' > /etc/apt/apt.conf.d/90assumeyes\n"
            "FROM debian:12\n"
            f"RUN apt-get install {PKG}\n")
    assert codes(text, RULE) == [(4, 5)]
