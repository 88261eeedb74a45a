"""DL3047: wget without --progress, -q, -nv or a log file."""

from __future__ import annotations

import pytest

from tests.conftest import codes, lint, spans

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


def test_options_from_a_variable() -> None:
    text = ("FROM ubuntu:22.04\n"
            'ARG WGET_ARGS="--progress=dot:giga"\n'
            "ENV QUIET=-qO-\n"
            "ARG URL=https://example.com/a\n"
            'RUN wget ${WGET_ARGS} "$URL" && wget $QUIET "$URL" && wget "$URL"\n')
    assert codes(text, RULE) == [(5, 55)]


def test_busybox_wget_is_not_checked() -> None:
    alpine = "FROM alpine:3.20\nRUN wget https://example.com/a\n"
    busybox = "FROM busybox:1.36\nRUN wget https://example.com/a\n"
    gnu = "FROM alpine:3.20\nRUN apk add --no-cache wget\nRUN wget https://example.com/a\n"
    child = ("FROM alpine:3.20 AS base\nRUN apk add wget=1.24.5-r0\n"
             "FROM base\nRUN wget https://example.com/a\n")
    assert codes(alpine, RULE) == []
    assert codes(busybox, RULE) == []
    assert codes(gnu, RULE) == [(3, 5)]
    assert codes(child, RULE) == [(4, 5)]


def test_fix() -> None:
    text = "FROM debian:12\nRUN wget https://example.com/a\n"
    assert [f.fix for f in lint(text) if f.rule_id == RULE] == ["wget --progress=dot:giga ..."]


def test_busybox_wget_before_gnu_wget_is_installed() -> None:
    text = ("FROM alpine:3.20\n"
            "RUN wget -O /a https://example.com/a\n"
            "RUN apk add --no-cache wget && wget -O /b https://example.com/b\n")
    assert codes(text, RULE) == [(3, 32)]
