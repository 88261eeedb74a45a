"""DL3059: consecutive single-command RUNs with the same flags (hadolint's criteria)."""

from __future__ import annotations

from tests.conftest import codes, lint, spans

RULE = "DL3059"


def test_consecutive_single_commands() -> None:
    text = ("FROM debian:12\n"
            "RUN apt-get update\n"
            "RUN apt-get install -y curl\n"
            "run echo done\n")
    assert spans(text, RULE) == [(3, 1, 3, 4), (4, 1, 4, 4)]
    (first, _) = [f for f in lint(text) if f.rule_id == RULE]
    assert "line 2" in first.message


def test_comments_and_blank_lines_do_not_separate() -> None:
    text = ("FROM debian:12\n"
            "RUN apk update\n"
            "\n"
            "# install the editor\n"
            "RUN apk add emacs\n")
    assert codes(text, RULE) == [(5, 1)]


def test_other_instructions_and_stages_separate() -> None:
    text = ("FROM debian:12\n"
            "RUN a\n"
            "ENV X=1\n"
            "RUN b\n"
            "FROM debian:12\n"
            "RUN c\n")
    assert codes(text, RULE) == []


def test_chained_commands_mean_a_deliberate_split() -> None:
    text = ("FROM debian:12\n"
            "RUN a && b\n"
            "RUN c\n"
            "RUN d | e\n"
            "RUN f\n"
            "RUN echo $(g)\n")
    assert codes(text, RULE) == []


def test_flags_must_match() -> None:
    text = ("FROM debian:12\n"
            "RUN --mount=type=cache,target=/root/.cache go build\n"
            "RUN go vet\n"
            "RUN --mount=type=secret,id=a a\n"
            "RUN --mount=type=secret,id=b b\n"
            "RUN --network=none c\n")
    assert codes(text, RULE) == []


def test_same_mounts_written_differently_match() -> None:
    text = ("FROM debian:12\n"
            "RUN --mount=type=cache,target=/a --mount=type=secret,id=s a\n"
            "RUN --mount=type=secret,id=s --mount=target=/a,type=cache b\n"
            "RUN --mount=dst=/a,type=cache --mount=id=s,type=secret c\n")
    assert codes(text, RULE) == [(3, 1), (4, 1)]


def test_exec_form_and_heredocs() -> None:
    text = ("FROM debian:12\n"
            'RUN ["make"]\n'
            'RUN ["make", "install"]\n'
            "RUN <<EOF\n"
            "make check\n"
            "make dist\n"
            "EOF\n")
    assert codes(text, RULE) == [(3, 1)]


def test_windows_shell_counts_plain_command_lines() -> None:
    text = ("FROM mcr.microsoft.com/windows/servercore:ltsc2022\n"
            "RUN mkdir c:\\data\n"
            'RUN setx /M PATH "%PATH%;c:\\tools"\n'
            "RUN mkdir c:\\a && mkdir c:\\b\n")
    assert codes(text, RULE) == [(3, 1)]
