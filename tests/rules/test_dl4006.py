"""DL4006: a pipe in RUN without pipefail in effect (SHELL, inherited SHELL, exec-form options,
set -o pipefail earlier in the script), reading heredocs as BuildKit runs them."""

from __future__ import annotations

import pytest

from tests.conftest import codes, lint, spans

RULE = "DL4006"
PIPE = "RUN curl -fsSL https://example.com/x.tgz | tar -xz\n"


def test_pipe_without_pipefail_at_the_feeding_command() -> None:
    assert spans("FROM debian:12\n" + PIPE, RULE) == [(2, 5, 2, 9)]


@pytest.mark.parametrize("shell", [
    '["/bin/bash", "-o", "pipefail", "-c"]',
    '["/bin/bash", "-eo", "pipefail", "-c"]',
    '["bash", "-o", "errexit", "-o", "pipefail", "-c"]',
    '["/usr/bin/zsh", "-euxo", "pipefail", "-c"]',
    '["/bin/sh", "-o", "pipefail", "-c"]',
    '["/bin/ash", "-eo", "pipefail", "-c"]',
])
def test_shell_with_pipefail(shell: str) -> None:
    assert codes(f"FROM debian:12\nSHELL {shell}\n{PIPE}", RULE) == []


def test_shell_without_pipefail() -> None:
    assert codes(f'FROM debian:12\nSHELL ["/bin/bash", "-c"]\n{PIPE}', RULE) == [(3, 5)]


def test_shell_inherited_from_the_parent_stage() -> None:
    text = ("FROM alpine:3.20 AS lower\n"
            'SHELL ["/bin/ash", "-o", "pipefail", "-c"]\n'
            "FROM lower AS upper\n"
            "RUN true | cat\n"
            "FROM alpine:3.20\n"
            "RUN false | cat\n")
    assert codes(text, RULE) == [(6, 5)]


@pytest.mark.parametrize("prefix", ["set -o pipefail; ", "set -euxo pipefail && ",
                                    "set -o errexit -o pipefail\n"])
def test_set_pipefail_earlier_in_the_run(prefix: str) -> None:
    text = "FROM debian:12\nRUN <<EOF\n" + prefix + "curl -fsSL x | tar -xz\nEOF\n"
    assert codes(text, RULE) == []
    one_line = prefix.replace("\n", "; ")
    assert codes(f"FROM debian:12\nRUN {one_line}curl -fsSL x | tar -xz\n", RULE) == []


def test_set_pipefail_too_late_undone_or_in_a_subshell() -> None:
    text = ("FROM debian:12\n"
            "RUN curl x | tar -x; set -o pipefail\n"
            "RUN set -o pipefail; set +o pipefail; curl x | tar -x\n"
            "RUN (set -o pipefail); curl x | tar -x\n")
    assert codes(text, RULE) == [(2, 5), (3, 39), (4, 24)]


@pytest.mark.parametrize("run", [
    'echo "$SHA  file" | sha256sum -c -',
    "printf '%s\\n' a b | xargs -n1 echo",
    "yes | apt-get install foo",
    "{ echo a; echo b; } | tee /etc/x",
    'dst="$(echo "$src" | tr -d 3)"',
])
def test_pipes_fed_only_by_echo_or_yes(run: str) -> None:
    assert codes(f"FROM debian:12\nRUN {run}\n", RULE) == []


def test_group_with_a_command_that_can_fail() -> None:
    text = "FROM debian:12\nRUN { echo a; curl -fsSL x; } | tee /tmp/x\n"
    assert codes(text, RULE) == [(2, 15)]


def test_one_finding_per_run_counting_the_other_pipes() -> None:
    text = "FROM debian:12\nRUN a | b && c | d && e | f\n"
    (finding,) = [f for f in lint(text) if f.rule_id == RULE]
    assert (finding.line, finding.column) == (2, 5)
    assert "(and 2 more pipes)" in finding.message


def test_non_posix_shells_are_not_checked() -> None:
    windows = "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir | findstr x\n"
    pwsh = 'FROM debian:12\nSHELL ["pwsh", "-Command"]\nRUN Get-Item x | Select-Object y\n'
    assert codes(windows, RULE) == []
    assert codes(pwsh, RULE) == []


def test_shell_pragma() -> None:
    text = "# hadolint shell=pwsh\nFROM mcr.microsoft.com/powershell\nRUN a | b\n"
    assert codes(text, RULE) == []
    bash_later = text + 'SHELL ["/bin/bash", "-c"]\nRUN c | d\n'
    assert codes(bash_later, RULE) == [(5, 5)]


def test_heredocs_run_by_another_shell_do_not_get_shell_options() -> None:
    shell = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
    plain = f"FROM debian:12\n{shell}RUN <<EOF\ncurl x | tar -x\nEOF\n"
    shebang = f"FROM debian:12\n{shell}RUN <<EOF\n#!/bin/bash\ncurl x | tar -x\nEOF\n"
    stdin = f"FROM debian:12\n{shell}RUN bash <<EOF\ncurl x | tar -x\nEOF\n"
    assert codes(plain, RULE) == []
    assert codes(shebang, RULE) == [(5, 1)]
    assert codes(stdin, RULE) == [(4, 1)]


def test_exec_form_uses_its_own_options() -> None:
    shell = 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
    text = ("FROM debian:12\n" + shell +
            'RUN ["/bin/bash", "-o", "pipefail", "-c", "curl x | tar -x"]\n'
            'RUN ["/bin/bash", "-c", "curl x | tar -x"]\n')
    assert codes(text, RULE) == [(4, 26)]


def test_pipe_whose_failure_is_ignored() -> None:
    text = ("FROM debian:12\n"
            "RUN curl -fsSL x | tar -x || true\n"
            "RUN grep -r x / | head -1 || :\n"
            "RUN curl -fsSL x | tar -x || echo failed\n")
    assert codes(text, RULE) == [(4, 5)]


def fixes(text: str) -> list[str | None]:
    return [f.fix for f in lint(text) if f.rule_id == RULE]


def test_fix_names_a_shell_the_image_has() -> None:
    assert fixes("FROM debian:12\n" + PIPE) == [
        'SHELL ["/bin/bash", "-o", "pipefail", "-c"] before this RUN']
    assert fixes("FROM alpine:3.20\n" + PIPE) == [
        'SHELL ["/bin/ash", "-o", "pipefail", "-c"] before this RUN']
    assert fixes('FROM debian:12\nSHELL ["/usr/bin/zsh", "-c"]\n' + PIPE) == [
        'SHELL ["/usr/bin/zsh", "-o", "pipefail", "-c"] before this RUN']


def test_fix_for_scripts_shell_does_not_run() -> None:
    exec_form = 'FROM debian:12\nRUN ["bash", "-c", "a | b"]\n'
    shebang = "FROM debian:12\nRUN <<EOF\n#!/bin/bash\na | b\nEOF\n"
    assert fixes(exec_form) == ['add "-o", "pipefail" before "-c"']
    assert fixes(shebang) == ["start the script with set -o pipefail"]
