"""DL3015: apt-get install should not pull in recommended packages."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

RULE = "DL3015"


def test_missing_option_is_reported_at_the_install_words() -> None:
    text = "FROM debian:12\nRUN apt-get update && sudo apt-get install -y curl=7.88.1\n"
    assert spans(text, RULE) == [(2, 28, 2, 43)]
    finding = next(f for f in lint(text) if f.rule_id == RULE)
    assert finding.fix == "apt-get install --no-install-recommends"


@pytest.mark.parametrize("command", [
    "apt-get install -y --no-install-recommends curl=7.88.1",
    "apt-get install -y curl=7.88.1 --no-install-recommends",
    "apt-get --no-install-recommends -y install curl=7.88.1",
    "apt-get install -y -o APT::Install-Recommends=false curl=7.88.1",
    "apt-get install -y -o APT::Install-Recommends=0 curl=7.88.1",
    "apt-get install -y -o=APT::Install-Recommends=no curl=7.88.1",
    "apt-get install -y --option APT::Install-Recommends=false curl=7.88.1",
    "apt-get install -y --option=apt::install-recommends=off curl=7.88.1",
    "apt-get install -f -y",
    "apt-get update",
    "apt-get -y upgrade",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM debian:12\nRUN {command}\n", RULE) == []


def test_recommends_turned_on_explicitly_is_reported() -> None:
    text = "FROM debian:12\nRUN apt-get install -y -o APT::Install-Recommends=true curl=7.88.1\n"
    assert codes(text, RULE) == [(2, 5)]


def test_apt_conf_written_by_a_run_in_a_parent_stage() -> None:
    text = ("FROM debian:12 AS base\n"
            "RUN printf 'APT::Install-Recommends \"0\";\\n' > /etc/apt/apt.conf.d/01norecommends\n"
            "FROM base AS app\n"
            "RUN apt-get install -y curl=7.88.1\n")
    assert codes(text, RULE) == []


def test_apt_conf_written_by_a_copy_heredoc() -> None:
    text = ("FROM debian:12\n"
            "COPY <<EOF /etc/apt/apt.conf.d/99-no-recommends\n"
            "APT::Install-Recommends \"false\";\n"
            "APT::Install-Suggests \"false\";\n"
            "EOF\n"
            "RUN apt-get install -y curl=7.88.1\n")
    assert codes(text, RULE) == []


def test_apt_conf_turning_recommends_back_on_wins() -> None:
    text = ("FROM debian:12\n"
            "RUN echo 'APT::Install-Recommends \"false\";' > /etc/apt/apt.conf.d/01a\n"
            "RUN echo 'APT::Install-Recommends \"true\";' > /etc/apt/apt.conf.d/01a\n"
            "RUN apt-get install -y curl=7.88.1\n")
    assert codes(text, RULE) == [(4, 5)]


def test_each_install_in_a_run() -> None:
    text = ("FROM debian:12\n"
            "RUN apt-get install -y --no-install-recommends curl=1 \\\n"
            " && apt install -y git=1 \\\n"
            " && apt-get install -y jq=1\n")
    assert codes(text, RULE) == [(3, 5), (4, 5)]
