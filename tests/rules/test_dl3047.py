"""DL3047: wget without --progress, -q, -nv or a log file."""

from __future__ import annotations

import pytest

from tests.conftest import codes, spans

RULE = "DL3047"


def test_plain_wget_at_its_word() -> None:
    text = ("FROM debian:12\n"
            "RUN wget https://example.com/a.tgz && \\\n"
            "    wget -O b.tgz https://example.com/b.tgz\n")
    assert spans(text, RULE) == [(2, 5, 2, 9), (3, 5, 3, 9)]


@pytest.mark.parametrize("options", [
    "--progress=dot:giga", "--progress=bar:force:noscroll", "-q", "--quiet", "-qO-",
    "-O- -q", "-nv", "--no-verbose", "-o /tmp/wget.log", "--output-file=/tmp/log",
    "-a /tmp/log", "--append-output /tmp/log", "-qO /tmp/a.tgz",
])
def test_accepted_settings(options: str) -> None:
    assert codes(f"FROM debian:12\nRUN wget {options} https://example.com/a\n", RULE) == []


def test_output_document_is_not_a_log_file() -> None:
    text = "FROM debian:12\nRUN wget -O /tmp/a.tgz https://example.com/a\n"
    assert codes(text, RULE) == [(2, 5)]


def test_behind_wrappers_in_subshells_and_heredocs() -> None:
    text = ("FROM debian:12\n"
            'RUN x="$(wget -O- https://example.com/v)" && sudo wget https://example.com/a\n'
            "RUN <<EOF\n"
            "wget https://example.com/b\n"
            "EOF\n")
    assert codes(text, RULE) == [(2, 10), (2, 51), (4, 1)]


def test_not_a_wget_call() -> None:
    text = "FROM debian:12\nRUN apt-get install -y wget && command -v wget\n"
    assert codes(text, RULE) == []
