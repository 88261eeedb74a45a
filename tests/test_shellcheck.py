"""ShellCheck on RUN (rule SC, runner dockwise.shellcheck, meta rule DW903).

Positions are asserted as (line, column) in the Dockerfile: the physical line inside the RUN,
never just the RUN's first line. Tests that need the ShellCheck binary skip when it is not
installed (it comes with the ``dev`` and ``shellcheck`` extras).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import codes, lint

from dockwise import shellcheck
from dockwise.cli import main
from dockwise.findings import Severity
from dockwise.model import Model
from dockwise.syntax.parser import parse

needs_shellcheck = pytest.mark.skipif(
    shellcheck.find_binary() is None,
    reason="ShellCheck is not installed (pip install 'dockwise[shellcheck]')")


def sc(text: str, **config: object) -> list[tuple[str, int, int]]:
    """``(code, line, column)`` of every SC finding (only the SC rule selected)."""
    config.setdefault("select", ("SC",))
    return [(f.rule_id, f.line, f.column) for f in lint(text, **config)
            if f.rule_id.startswith("SC")]


def write_fake(tmp_path: Path, body: str) -> str:
    """A stand-in 'shellcheck' executable (a POSIX sh script) for failure tests."""
    path = tmp_path / "fake-shellcheck"
    path.write_text("#!/bin/sh\n" + body)
    path.chmod(0o755)
    return str(path)


BASHISMS = "[[ -n \"$HOME\" ]] && echo ok"

#: (Dockerfile, expected SC findings as (code, line, column)): positions, dialects, ARG/ENV.
CASES = {
    # positions: the physical line and column inside the RUN
    "continued RUN": (
        "FROM debian:12\nRUN apt-get update \\\n    && echo $foo \\\n    && cd /tmp; make\n",
        [("SC2086", 3, 13), ("SC2154", 3, 13), ("SC2164", 4, 8)]),
    "comment line in a continuation (removed by BuildKit)": (
        "FROM debian:12\nRUN true \\\n# a comment\n  && echo $bar\n",
        [("SC2086", 4, 11), ("SC2154", 4, 11)]),
    "heredoc body with tabs": (
        "FROM debian:12\nRUN <<-EOF\n\tif true; then\n\t\techo $x\n\tfi\n\tEOF\n",
        [("SC2086", 4, 8), ("SC2154", 4, 8)]),
    "exec form sh -c": (
        'FROM debian:12\nRUN ["sh", "-c", "echo $z"]\n',
        [("SC2086", 2, 24), ("SC2154", 2, 24)]),
    "columns count characters, not bytes": (
        "FROM debian:12\nRUN echo 'héllo wörld' && echo $y\n",
        [("SC2086", 2, 32), ("SC2154", 2, 32)]),
    # `bash <<EOF`: the body is data of the RUN line (the outer sh expands $y in it) and the
    # script bash runs; both checks find SC2154 at the same place, reported once
    "heredoc fed to bash, one report per place": (
        "FROM debian:12\nRUN <<EOF bash\necho \"$y\"\nEOF\n", [("SC2154", 3, 7)]),
    # dialects
    "default shell is POSIX sh": (f"FROM debian:12\nRUN {BASHISMS}\n", [("SC3010", 2, 5)]),
    "SHELL bash": (
        f'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN {BASHISMS}\n', []),
    "SHELL inherited from the parent stage": (
        'FROM debian:12 AS base\nSHELL ["/bin/bash", "-c"]\n'
        f"FROM base AS test\nRUN source /etc/os-release && {BASHISMS}\n", []),
    "RUN <<EOF bash": (
        f"FROM debian:12\nRUN <<EOF bash\nset -o pipefail\n{BASHISMS}\nEOF\n", []),
    "bash shebang": (
        f"FROM debian:12\nRUN <<EOF\n#!/usr/bin/env bash\nset -o pipefail\n{BASHISMS}\nEOF\n", []),
    "sh shebang": (
        f"FROM debian:12\nRUN <<EOF\n#!/bin/sh\nset -e\n{BASHISMS}\nEOF\n", [("SC3010", 5, 1)]),
    "python shebang: not shell-checked": (
        "FROM python:3.12\nRUN <<EOF\n#!/usr/bin/env python3\n"
        "import os\nprint(f\"{os.environ['HOME']}\")  # [[ $x ]] `y`\nEOF\n", []),
    "Alpine /bin/sh is BusyBox ash": (
        f"FROM alpine:3.20\nRUN source /etc/profile && {BASHISMS}\n", []),
    "Debian /bin/sh is POSIX sh": (
        f"FROM debian:12\nRUN source /etc/profile && {BASHISMS}\n",
        [("SC3046", 2, 5), ("SC3010", 2, 28)]),
    "PowerShell": ('FROM mcr.microsoft.com/windows/servercore:ltsc2022\n'
                   'SHELL ["powershell", "-Command"]\nRUN echo $foo\n', []),
    "cmd": ("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN echo %foo%\n", []),
    "shell pragma": ("FROM debian:12\n# hadolint shell=pwsh\nRUN echo $foo\n", []),
    "zsh (ShellCheck does not know it)": (
        'FROM debian:12\nSHELL ["/bin/zsh", "-c"]\nRUN echo $foo\n', []),
    # ARG and ENV
    "ARG and ENV are declared": (
        "FROM debian:12\nARG version\nENV home_dir=/srv\n"
        "RUN echo \"$version\" \"$home_dir\" \"$other\"\n", [("SC2154", 4, 34)]),
    "variables are scoped to their stage and position": (
        "FROM debian:12\nRUN echo \"$version\"\nARG version=1\nRUN echo \"$version\"\n"
        "FROM debian:12\nRUN echo \"$version\"\n", [("SC2154", 2, 11), ("SC2154", 6, 11)]),
    # GOOS is one word, VERSION is unknown (taken as one word), CFLAGS does split
    "quoting follows the known value": (
        'FROM debian:12\nARG GOOS=linux\nARG VERSION\nENV CFLAGS="-O2 -g"\n'
        "RUN echo $GOOS $VERSION && cc $CFLAGS x.c\n", [("SC2086", 5, 31)]),
    # A's value holds a quote an unquoted $A does not honour (SC2090); B's is the literal
    # text "$(rm -rf /)", which splits (SC2086)
    "values with quotes": (
        "FROM debian:12\nENV A=\"it's\" B='$(rm -rf /)'\nRUN echo $A $B\n",
        [("SC2090", 3, 10), ("SC2086", 3, 13)]),
    "proxy ARGs are predefined": (
        'FROM debian:12\nRUN curl -x "$http_proxy" https://example.com\n', []),
    "source of files in the image": (
        "FROM debian:12\nRUN . /etc/os-release && . \"$HOME/.profile\" && echo \"$ID\"\n", []),
    "a sourced file may assign variables": (
        "FROM alpine:3.20\nRUN apk add $(. ./APKBUILD; echo \"$makedepends\")\n",
        [("SC2046", 2, 13)]),
    "without the source, SC2154": (
        "FROM alpine:3.20\nRUN apk add $(echo \"$makedepends\")\n",
        [("SC2046", 2, 13), ("SC2116", 2, 13), ("SC2154", 2, 21)]),
}


@needs_shellcheck
@pytest.mark.parametrize(("text", "expected"), CASES.values(), ids=CASES.keys())
def test_findings(text: str, expected: list[tuple[str, int, int]]) -> None:
    assert sc(text) == expected


@needs_shellcheck
def test_exact_span_and_fix_of_sc2086() -> None:
    findings = [f for f in lint("FROM debian:12\nRUN echo $HOME\n", select=("SC",))]
    assert [(f.rule_id, f.line, f.column, f.end_line, f.end_column, f.fix, f.severity.label,
             f.rule_name) for f in findings] == [
        ("SC2086", 2, 10, 2, 15, '"$HOME"', "info", "shellcheck")]


def test_declared_values_stay_on_one_line() -> None:
    job = _jobs("FROM debian:12\nRUN echo hi\n")[0]
    job = shellcheck.Job(job.script, "sh", (("A", "x\ny"), ("B", "it's"), ("C", None)),
                         job.instruction)
    text, _ = shellcheck.prepare(job)
    assert text.splitlines()[1] == "export A='x y' B='it'\"'\"'s' C='1'"


# -- selection, pragmas, severities ----------------------------------------------------------

DOCKERFILE = "FROM debian:12\nRUN echo $foo\n"


@needs_shellcheck
def test_ignore_a_code() -> None:
    assert sc(DOCKERFILE) == [("SC2086", 2, 10), ("SC2154", 2, 10)]
    assert sc(DOCKERFILE, ignore=("SC2086",)) == [("SC2154", 2, 10)]
    assert sc(DOCKERFILE, ignore=("sc2154", "SC2086")) == []
    assert sc(DOCKERFILE, ignore=("shellcheck",)) == []


@needs_shellcheck
def test_pragmas_for_codes() -> None:
    assert sc("FROM debian:12\n# hadolint ignore=SC2086\nRUN echo $foo\n") == \
        [("SC2154", 3, 10)]
    assert sc("# dockwise global ignore=SC2154\nFROM debian:12\nRUN echo $foo\n") == \
        [("SC2086", 3, 10)]
    assert sc("FROM debian:12\n# hadolint ignore=SC\nRUN echo $foo\n") == []
    # ShellCheck's own directive inside a heredoc body
    assert sc("FROM debian:12\nRUN <<EOF\n# shellcheck disable=SC2086\necho $foo\nEOF\n") == \
        [("SC2154", 4, 6)]


@needs_shellcheck
def test_pragma_applies_to_its_run_only() -> None:
    text = "FROM debian:12\n# hadolint ignore=SC2086,SC2154\nRUN echo $foo\nRUN echo $foo\n"
    assert sc(text) == [("SC2086", 4, 10), ("SC2154", 4, 10)]


@needs_shellcheck
def test_severity_overrides_for_codes() -> None:
    def levels(**config: object) -> list[tuple[str, str]]:
        return [(f.rule_id, f.severity.label)
                for f in lint(DOCKERFILE, select=("SC",), **config)]

    assert levels() == [("SC2086", "info"), ("SC2154", "warning")]
    assert levels(severity={"SC2086": Severity.ERROR}) == [("SC2086", "error"),
                                                           ("SC2154", "warning")]
    assert levels(severity={"SC2086": None}) == [("SC2154", "warning")]
    # the whole rule's severity applies to every code without its own override
    assert levels(severity={"SC": Severity.STYLE, "SC2154": Severity.ERROR}) == [
        ("SC2086", "style"), ("SC2154", "error")]


@needs_shellcheck
def test_hadolint_file_overrides_and_ignores_codes(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / ".hadolint.yaml").write_text("override:\n  error:\n    - SC2086\n"
                                             "ignored:\n  - SC2154\n")
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--format", "text", "--select", "SC",
                                       "Dockerfile"])
    assert result.output == ("Dockerfile:2:10: SC2086 error: Double quote to prevent globbing "
                             "and word splitting. (shellcheck)\n")
    assert result.exit_code == 1


@needs_shellcheck
def test_select_a_single_code() -> None:
    assert sc(DOCKERFILE, select=("SC2154",)) == [("SC2154", 2, 10)]
    assert codes(DOCKERFILE, "SC2154", select=("SC2154", "DL1000")) == [(2, 10)]


@needs_shellcheck
def test_disabled_in_config() -> None:
    assert sc(DOCKERFILE, shellcheck=False) == []


def test_missing_binary_reports_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shellcheck, "find_binary", lambda configured=None: None)
    found = lint(DOCKERFILE)
    assert not [f for f in found if f.rule_id.startswith("SC") or f.rule_id == "DW903"]


def test_rules_command_says_once_when_shellcheck_is_missing(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shellcheck, "find_binary", lambda configured=None: None)
    out = CliRunner().invoke(main, ["rules"]).output
    assert out.count("ShellCheck: not installed") == 1
    assert out.rstrip().endswith("(pip install 'dockwise[shellcheck]')")
    # machine-readable formats stay clean
    assert "not installed" not in CliRunner().invoke(main, ["rules", "-f", "json"]).output
    assert "not installed" not in CliRunner().invoke(main, ["rules", "-f", "markdown"]).output


@needs_shellcheck
def test_rules_command_names_the_shellcheck_it_uses() -> None:
    out = CliRunner().invoke(main, ["rules"], env={"DOCKWISE_SHELLCHECK": ""}).output
    binary = shellcheck.find_binary()
    version = shellcheck.binary_version(binary)  # type: ignore[arg-type]
    assert version is not None and version[0].isdigit()
    assert out.rstrip().endswith(f"ShellCheck: {binary} (version {version}); rule SC checks "
                                 "RUN scripts")
    assert "not installed" not in out


@needs_shellcheck
def test_rules_command_names_the_shellcheck_the_environment_chooses(tmp_path: Path) -> None:
    binary = shellcheck.find_binary()
    assert binary is not None
    version = shellcheck.binary_version(binary)
    out = CliRunner().invoke(main, ["rules"], env={"DOCKWISE_SHELLCHECK": binary}).output
    assert out.rstrip().endswith(f"ShellCheck: {binary} (from DOCKWISE_SHELLCHECK) (version "
                                 f"{version}); rule SC checks RUN scripts")
    missing = str(tmp_path / "nope")
    out = CliRunner().invoke(main, ["rules"], env={"DOCKWISE_SHELLCHECK": missing}).output
    assert out.rstrip().endswith(f"ShellCheck: {missing} (from DOCKWISE_SHELLCHECK) does not "
                                 "run; rule SC reports DW903 for every file with RUN scripts")


@pytest.fixture
def calls(monkeypatch: pytest.MonkeyPatch) -> list[list[str]]:
    """The command lines of the processes the test starts (``subprocess.run`` spied on)."""
    seen: list[list[str]] = []
    real = subprocess.run

    def spy(cmd: list[str], *args: object, **kwargs: object) -> object:
        seen.append(cmd)
        return real(cmd, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(subprocess, "run", spy)
    return seen


# -- batching and process handling -----------------------------------------------------------

@needs_shellcheck
def test_one_process_per_dockerfile(calls: list[list[str]]) -> None:
    text = ("FROM debian:12\nRUN echo $a\nRUN echo $b\nRUN <<EOF\necho $c\nEOF\n"
            "FROM alpine:3.20\nSHELL [\"/bin/bash\", \"-c\"]\nRUN echo $d\n")
    assert [line for _, line, _ in sc(text)] == [2, 2, 3, 3, 5, 5, 9, 9]
    assert len(calls) == 1
    assert [c for c in calls[0] if c.endswith(".sh")] == ["0.sh", "1.sh", "2.sh", "3.sh"]


def test_no_process_without_shell_scripts(monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*args: object, **kwargs: object) -> object:
        raise AssertionError("ShellCheck started")

    monkeypatch.setattr(subprocess, "run", fail)
    assert sc('FROM debian:12\nRUN ["/bin/true"]\nCOPY a /a\n') == []


def _leftovers() -> set[str]:
    return {p.name for p in Path(tempfile.gettempdir()).glob("dockwise-shellcheck-*")}


def test_timeout_gives_one_dw903_and_removes_temp_files(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKWISE_SHELLCHECK", write_fake(tmp_path, "sleep 5\n"))
    before = _leftovers()
    text = "FROM debian:12\nRUN echo $a\nRUN echo $b\n"
    found = lint(text, rules={"shellcheck": {"timeout": 0.2}})
    meta = [(f.rule_id, f.rule_name, f.severity.label, f.line, f.column) for f in found
            if f.rule_id in ("DW903", "SC") or f.rule_id.startswith("SC")]
    assert meta == [("DW903", "shellcheck-failed", "warning", 2, 1)]
    assert "did not finish within 0.2 s" in next(f.message for f in found
                                                if f.rule_id == "DW903")
    assert _leftovers() == before
    # other rules still ran
    assert any(f.rule_id != "DW903" for f in found)


@pytest.mark.parametrize(("body", "expected"), [
    ("echo 'shellcheck: unrecognized option' >&2\nexit 3\n",
     "exited with status 3: shellcheck: unrecognized option"),
    ("echo 'this is not json'\nexit 1\n", "not ShellCheck's json1 format"),
])
def test_failing_process_gives_dw903(tmp_path: Path, body: str, expected: str,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKWISE_SHELLCHECK", write_fake(tmp_path, body))
    found = [f for f in lint(DOCKERFILE)
             if f.rule_id == "DW903" or f.rule_id.startswith("SC")]
    assert [(f.rule_id, f.line) for f in found] == [("DW903", 2)]
    assert expected in found[0].message


def test_missing_configured_binary_gives_dw903(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKWISE_SHELLCHECK", str(tmp_path / "no"))
    found = [f for f in lint(DOCKERFILE) if f.rule_id == "DW903"]
    assert len(found) == 1 and "cannot run" in found[0].message


def test_dw903_can_be_ignored_and_given_a_severity(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKWISE_SHELLCHECK", str(tmp_path / "no"))
    assert codes(DOCKERFILE, "DW903", ignore=("DW903",)) == []
    assert codes(DOCKERFILE, "DW903", ignore=("shellcheck-failed",)) == []
    assert codes("FROM debian:12\n# dockwise ignore=DW903\nRUN echo $foo\n", "DW903") == []
    found = lint(DOCKERFILE, severity={"DW903": Severity.ERROR})
    assert [f.severity.label for f in found if f.rule_id == "DW903"] == ["error"]


def test_temp_files_removed_when_the_process_cannot_start(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[str] = []

    def boom(cmd: list[str], *args: object, cwd: str = "", **kwargs: object) -> object:
        seen.append(cwd)
        assert sorted(os.listdir(cwd)) == ["0.sh"]
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(subprocess, "run", boom)
    monkeypatch.setenv("DOCKWISE_SHELLCHECK", "/usr/bin/shellcheck")
    found = lint(DOCKERFILE)
    assert [f.message for f in found if f.rule_id == "DW903"] == [
        "cannot run /usr/bin/shellcheck: Permission denied; the RUN scripts of this file were "
        "not shell-checked"]
    assert seen and not os.path.exists(seen[0])


def test_unwritable_temporary_directory_gives_dw903(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "missing"))
    monkeypatch.setenv("DOCKWISE_SHELLCHECK", "/nonexistent/shellcheck")
    found = [f.message for f in lint(DOCKERFILE)
             if f.rule_id in ("DW903", "DW999")]
    assert found == ["cannot write the scripts to a temporary directory: No such file or "
                     "directory; the RUN scripts of this file were not shell-checked"]


def test_shellcheck_opts_from_the_environment_are_not_passed(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "env.txt"
    fake = write_fake(tmp_path, f'echo "opts=[$SHELLCHECK_OPTS$GHCRTS] args=[$*]" > {out}\n'
                                'echo \'{"comments": []}\'\n')
    monkeypatch.setenv("SHELLCHECK_OPTS", "--shell=bash")
    monkeypatch.setenv("GHCRTS", "-A16m")
    monkeypatch.setenv("DOCKWISE_SHELLCHECK", fake)
    assert sc(DOCKERFILE) == []
    assert out.read_text() == ("opts=[] args=[--norc --format=json1 --exclude=SC1090,SC1091 "
                               "0.sh]\n")


# -- the runner's pieces ---------------------------------------------------------------------

def _jobs(text: str) -> list[shellcheck.Job]:
    return shellcheck.jobs(Model(parse(text)))


def test_prepare_inserts_the_header_after_a_shebang() -> None:
    job = _jobs("FROM debian:12\nARG v=1\nRUN <<EOF\n#!/bin/bash\necho hi\nEOF\n")[0]
    text, at = shellcheck.prepare(job)
    lines = text.splitlines()
    assert at == 1
    assert lines[0] == "#!/bin/bash"
    assert lines[1] == "# shellcheck shell=bash"
    assert lines[2].startswith("export ") and "v='1'" in lines[2]
    assert lines[3:] == ["echo hi"]


def test_prepare_without_shebang() -> None:
    job = _jobs("FROM alpine:3.20\nRUN echo hi\n")[0]
    text, at = shellcheck.prepare(job)
    assert at == 0
    assert text.splitlines()[0] == "# shellcheck shell=busybox"
    assert text.splitlines()[2:] == ["echo hi"]


def test_dialects() -> None:
    def dialects(text: str) -> list[str]:
        return [j.dialect for j in _jobs(text)]

    assert dialects("FROM debian:12\nRUN a\n") == ["sh"]
    assert dialects("FROM busybox:1.36\nRUN a\n") == ["busybox"]
    assert dialects("FROM node:20-alpine\nRUN a\n") == ["busybox"]
    assert dialects('FROM alpine:3.20\nSHELL ["/bin/ash", "-c"]\nRUN a\n') == ["busybox"]
    assert dialects('FROM alpine:3.20\nSHELL ["/bin/bash", "-c"]\nRUN a\n') == ["bash"]
    assert dialects('FROM debian:12\nSHELL ["/bin/mksh", "-c"]\nRUN a\n') == ["ksh"]
    assert dialects('FROM debian:12\nRUN <<EOF dash\nb\nEOF\n') == ["sh", "dash"]
    assert dialects('FROM debian:12\nRUN <<EOF\n#!/usr/bin/env python3\nb\nEOF\n') == []



@needs_shellcheck
def test_a_script_longer_than_16_kib_is_not_given_to_shellcheck(calls: list[list[str]]
                                                                 ) -> None:
    long_run = "RUN echo " + "a" * (shellcheck.MAX_SCRIPT_BYTES - len("echo ")) + "\n"
    too_long = "RUN echo " + "a" * (shellcheck.MAX_SCRIPT_BYTES - len("echo ") + 1) + "\n"
    text = "FROM debian:12\n" + long_run + too_long + "RUN echo $b\n"
    found = [(f.rule_id, f.line, f.column, f.message) for f in lint(text)
             if f.rule_id == "DW903" or f.rule_id.startswith("SC")]
    assert found == [
        ("DW903", 3, 1, "this RUN's script is 16,385 bytes; ShellCheck is given scripts of at "
         "most 16,384 bytes (its time and memory grow with the square of a script's length), "
         "so it was not shell-checked"),
        ("SC2086", 4, 10, "Double quote to prevent globbing and word splitting."),
        ("SC2154", 4, 10, "b is referenced but not assigned."),
    ]
    assert [c for c in calls[0] if c.endswith(".sh")] == ["0.sh", "1.sh"]  # lines 2 and 4


def test_a_script_nesting_more_than_32_levels_is_not_given_to_shellcheck() -> None:
    def run(depth: int) -> str:
        return "RUN echo " + "$(" * depth + "true" + ")" * depth + "\n"

    text = "FROM debian:12\n" + run(shellcheck.MAX_NESTING - 1) + run(shellcheck.MAX_NESTING)
    assert [f for f in lint(text) if f.rule_id == "DW903"] == []
    found = [(f.rule_id, f.line, f.column, f.message) for f in lint(text + run(300))
             if f.rule_id == "DW903"]
    assert found == [("DW903", 4, 1, "this RUN's script nests 300 levels deep; ShellCheck is "
                      "given scripts nesting at most 32 levels (deeper ones take it minutes "
                      "and gigabytes), so it was not shell-checked")]


def test_shellcheck_runs_with_at_most_1_gib_of_address_space() -> None:
    done = subprocess.run([sys.executable, "-c", "import resource; "
                           "print(resource.getrlimit(resource.RLIMIT_AS)[0])"],
                          capture_output=True, text=True, check=True,
                          preexec_fn=shellcheck._limit_memory)
    assert int(done.stdout) == 1 << 30 == shellcheck.MAX_MEMORY


def test_shellcheck_out_of_memory_gives_dw903(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKWISE_SHELLCHECK", write_fake(
        tmp_path, "echo 'shellcheck: out of memory' >&2\nexit 251\n"))
    found = [(f.rule_id, f.line, f.message) for f in lint("FROM debian:12\nRUN echo $a\n")
             if f.rule_id == "DW903"]
    assert found == [("DW903", 2, "ShellCheck needed more than its 1,024 MiB of memory; the "
                      "RUN scripts of this file were not shell-checked")]
