"""DL3046: useradd with a UID of 100000 or more and without -l/--no-log-init."""

from __future__ import annotations

import pytest

from tests.conftest import codes, spans

RULE = "DL3046"


@pytest.mark.parametrize(("command", "span"), [
    ("useradd -u 123456 app", (2, 13, 2, 22)),
    ("useradd --uid 100000 app", (2, 13, 2, 25)),
    ("useradd --uid=999999 app", (2, 13, 2, 25)),
    ("useradd -mu 123456 app", (2, 13, 2, 23)),
    ("useradd -m -s /bin/sh -u 4000000 -g app app", (2, 27, 2, 37)),
])
def test_long_uid_without_l(command: str, span: tuple[int, int, int, int]) -> None:
    assert spans(f"FROM debian:12\nRUN {command}\n", RULE) == [span]


@pytest.mark.parametrize("command", [
    "useradd -l -u 123456 app",
    "useradd --no-log-init -u 123456 app",
    "useradd -lu 123456 app",
    "useradd -u 99999 app",
    "useradd -u 1000 app",
    "useradd app",
    "adduser -u 123456 app",
    "useradd -u $(id -u) app",
])
def test_accepted(command: str) -> None:
    assert codes(f"FROM debian:12\nRUN {command}\n", RULE) == []


def test_uid_from_arg_and_env() -> None:
    text = ("FROM debian:12\n"
            "ARG APP_UID=123456\n"
            "ARG SMALL_UID=1001\n"
            "ARG UNKNOWN_UID\n"
            'RUN useradd -u "${APP_UID}" a && useradd -u ${SMALL_UID} b && \\\n'
            "    useradd -u ${UNKNOWN_UID} c\n")
    assert codes(text, RULE) == [(5, 13)]


def test_behind_sudo_and_in_heredoc() -> None:
    text = ("FROM debian:12\n"
            "RUN sudo useradd -u 200000 app\n"
            "RUN <<EOF\n"
            "useradd -u 300000 svc\n"
            "EOF\n")
    assert codes(text, RULE) == [(2, 18), (4, 9)]
