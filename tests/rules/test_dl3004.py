"""DL3004: every sudo that runs a command in a RUN, at the sudo word."""

from __future__ import annotations

from tests.conftest import codes, spans

RULE = "DL3004"


def test_sudo_in_every_position() -> None:
    text = ("FROM debian:12\n"
            "USER app\n"
            "RUN sudo apt-get update && sudo -E apt-get install -y curl\n"
            "RUN (sudo make install) || env DEBUG=1 sudo -u app true\n"
            "RUN <<EOF\n"
            "  /usr/bin/sudo ls\n"
            "EOF\n")
    assert codes(text, RULE) == [(3, 5), (3, 28), (4, 6), (4, 40), (6, 3)]


def test_span_is_the_sudo_word() -> None:
    assert spans("FROM debian:12\nRUN sudo ls\n", RULE) == [(2, 5, 2, 9)]


def test_privilege_tools_and_mentions_are_fine() -> None:
    text = ("FROM debian:12\n"
            "RUN apt-get install -y sudo gosu && gosu nobody true && su-exec app id\n"
            "RUN command -v sudo && echo sudo && ls /etc/sudoers.d\n")
    assert codes(text, RULE) == []


def test_exec_form() -> None:
    assert codes('FROM debian:12\nRUN ["sh", "-c", "sudo ls"]\n', RULE) == [(2, 19)]
