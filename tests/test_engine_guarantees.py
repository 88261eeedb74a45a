"""The engine-level guarantees of issue 3, section 2 ("be right where hadolint is wrong").

* ``--ignore`` on the command line and ``ignored`` in the configuration combine (union;
  hadolint's ``--ignore`` replaces the file's list);
* a pragma with one unknown id still applies its known ids and reports the unknown one (DW901);
* a parse error in one instruction does not stop the other rules on the rest of the file;
* heredoc bodies are linted as the shell they name, and a heredoc with a non-shell shebang is
  not shell-checked;
* a heredoc never breaks parsing of the rest of the file.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import codes, lint

from dockwise import shellcheck
from dockwise.cli import main
from dockwise.config import Config
from dockwise.engine import select_rules
from dockwise.model import Model
from dockwise.syntax.parser import parse

needs_shellcheck = pytest.mark.skipif(
    shellcheck.find_binary() is None,
    reason="ShellCheck is not installed (pip install 'dockwise[shellcheck]')")

#: DW105 warning at 1:6, DL3007 warning at 1:13, DL3019 info at 2:5.
DOCKERFILE = "FROM alpine:latest\nRUN apk add curl=8.9.1-r0\n"


def ids_and_places(text: str, **config: object) -> list[tuple[str, int, int]]:
    config.setdefault("shellcheck", False)
    return [(f.rule_id, f.line, f.column) for f in lint(text, **config)]


# -- --ignore and ignored combine -------------------------------------------------------------

@pytest.fixture
def work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "home").mkdir()
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    for var in list(os.environ):
        if var.startswith("HADOLINT_") or var == "XDG_CONFIG_HOME":
            monkeypatch.delenv(var)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    return tmp_path


def lint_ids(*args: str) -> list[str]:
    result = CliRunner().invoke(main, ["lint", "--format", "json", *args])
    import json

    return [f["code"] for f in json.loads(result.stdout)]


@pytest.mark.parametrize(("name", "text"), [
    (".hadolint.yaml", "ignored: [DL3007]\n"),
    (".dockwise.toml", 'ignore = ["latest-tag"]\n'),
    ("pyproject.toml", '[tool.dockwise]\nignored = ["DL3007"]\n'),
])
def test_cli_ignore_adds_to_the_configuration(work: Path, name: str, text: str) -> None:
    assert lint_ids("Dockerfile") == ["DW105", "DL3007", "DL3019"]
    (work / name).write_text(text)
    assert lint_ids("Dockerfile") == ["DW105", "DL3019"]
    assert lint_ids("--ignore", "DL3019", "Dockerfile") == ["DW105"]
    assert lint_ids("--ignore", "DL3019,DW105", "Dockerfile") == []


def test_selection_ignores_are_a_union() -> None:
    config = Config(ignore=("DL3007",)).merged(ignore=("DL3007", "DL3019", "SC2086"))
    selection = select_rules(config)
    assert {"DL3007", "DL3019"}.isdisjoint(selection.ids)
    assert "DW105" in selection.ids
    assert selection.ignored_codes == {"SC2086"}


# -- pragmas with unknown ids -----------------------------------------------------------------

def test_pragma_with_an_unknown_id_keeps_its_known_ids() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=DL3019,DL9999\nRUN apk add curl\n"
    assert ids_and_places(text, select=("DL3019", "DW901")) == [("DW901", 2, 26)]


@pytest.mark.parametrize(("pragma", "column"), [
    ("# dockwise ignore=DL9999, apk-add-no-cache", 19),
    ("# hadolint ignore=SC2086,nonsense,DL3019", 26),
    ("#hadolint   ignore =   DL3019,DX1", 31),
])
def test_unknown_id_reported_at_its_column(pragma: str, column: int) -> None:
    text = f"FROM alpine:3.20\n{pragma}\nRUN apk add curl\n"
    assert ids_and_places(text, select=("DL3019", "DW901")) == [("DW901", 2, column)]


def test_global_pragma_with_an_unknown_id() -> None:
    text = "# hadolint global ignore=DL3019,DL0000\nFROM alpine:3.20\nRUN apk add curl\n"
    assert ids_and_places(text, select=("DL3019", "DW901")) == [("DW901", 1, 33)]


def test_pragma_ids_are_not_unknown_for_shellcheck_codes_and_names() -> None:
    text = ("FROM alpine:3.20\n# hadolint ignore=SC2086,shellcheck-failed,apk-add-no-cache\n"
            "RUN apk add curl\n")
    assert codes(text, "DW901", shellcheck=False) == []


# -- a parse error does not stop the other rules -----------------------------------------------

def test_parse_errors_do_not_stop_other_rules() -> None:
    text = ("FROM alpine:latest\n"        # DL3007
            "RUNN echo hi\n"              # unknown instruction
            "ENV key\n"                   # ENV without a value
            'COPY ["a", 1] /x\n'          # JSON with a number
            "RUN apk add curl\n"          # DL3019, after the errors
            "FROM debian:latest AS b c\n"  # bad FROM, DL3007 still
            "USER root\n")                # DL3002 in the last stage
    assert ids_and_places(text, select=("DL1000", "DL3007", "DL3019", "DL3002")) == [
        ("DL3007", 1, 13), ("DL1000", 2, 1), ("DL1000", 3, 5), ("DL1000", 4, 6),
        ("DL3019", 5, 5), ("DL1000", 6, 6), ("DL3007", 6, 13), ("DL3002", 7, 6)]


def test_unterminated_heredoc_keeps_what_came_before_and_its_body() -> None:
    text = "FROM alpine:latest\nRUN apk add curl\nRUN <<EOF\napk add git\n"
    assert ids_and_places(text, select=("DL1000", "DL3007", "DL3019")) == [
        ("DL3007", 1, 13), ("DL3019", 2, 5), ("DL1000", 3, 5), ("DL3019", 4, 1)]


# -- heredocs as the shell they name -----------------------------------------------------------

def dialects(text: str) -> list[tuple[str, str]]:
    model = Model(parse(text))
    return [(s.dialect, s.source) for _, run in model.runs() for s in model.scripts(run)]


def test_heredoc_dialects() -> None:
    assert dialects("FROM debian:12\nRUN <<EOF bash\nx\nEOF\n") == [
        ("sh", "run"), ("bash", "heredoc")]
    assert dialects("FROM debian:12\nRUN bash <<EOF\nx\nEOF\n") == [
        ("sh", "run"), ("bash", "heredoc")]
    assert dialects("FROM debian:12\nRUN <<EOF\n#!/usr/bin/env bash\nx\nEOF\n") == [
        ("bash", "heredoc")]
    assert dialects('FROM debian:12\nSHELL ["/bin/bash", "-c"]\nRUN <<EOF\nx\nEOF\n') == [
        ("bash", "heredoc")]
    # a non-shell shebang: the body is not a shell script; a file written by cat is data
    assert dialects("FROM debian:12\nRUN <<EOF\n#!/usr/bin/env python3\nx\nEOF\n") == []
    assert dialects("FROM debian:12\nRUN python3 <<EOF\nprint(1)\nEOF\n") == [("sh", "run")]
    assert dialects("FROM debian:12\nRUN cat <<EOF > /x.sh\nx\nEOF\n") == [("sh", "run")]


def test_rules_read_heredoc_bodies_but_not_python_ones() -> None:
    text = ("FROM alpine:3.20\n"
            "RUN <<EOF\nset -e\napk add curl\nEOF\n"
            "RUN <<EOF\n#!/usr/bin/env python3\nimport os\nos.system('apk add curl')\nEOF\n")
    assert codes(text, "DL3019", shellcheck=False) == [(4, 1)]


@needs_shellcheck
def test_shellcheck_uses_the_heredoc_dialect() -> None:
    bashisms = "set -o pipefail\n[[ -n \"$HOME\" ]] && echo ok\n"
    for head in ("RUN <<EOF bash\n", "RUN bash <<EOF\n", "RUN <<EOF\n#!/bin/bash\n"):
        text = f"FROM debian:12\n{head}{bashisms}EOF\n"
        assert [f.rule_id for f in lint(text, select=("SC",))] == [], head
    text = f"FROM debian:12\nRUN <<EOF\n{bashisms}EOF\n"
    assert [(f.rule_id, f.line) for f in lint(text, select=("SC",))] == [
        ("SC3040", 3), ("SC3010", 4)]
    text = "FROM debian:12\nRUN <<EOF\n#!/usr/bin/env python3\nprint(`x` $y [[)\nEOF\n"
    assert lint(text, select=("SC",)) == []


# -- a heredoc never breaks parsing of the rest ------------------------------------------------

AFTER = "FROM alpine:latest\nRUN apk add curl\n"


@pytest.mark.parametrize("heredoc", [
    "RUN <<EOF bash\nEOF\n",                                           # empty body
    "RUN <<EOF\nFROM scratch\nRUN apk add x\nEOF\n",                   # instruction-like body
    "RUN foo && \\\n    bar <<BAR\nblah\nBAR\n",                       # after a continuation
    "RUN ls && \\\n    cat <<EOF >> go.mod && \\\n    cat go.mod\nreplace (\n  a => b\n)\nEOF\n",
    "RUN <<A cat > /a && cat <<B > /b\none\nA\ntwo\nB\n",              # two heredocs
    "COPY <<EOF /etc/app.conf\nkey=value\nEOF\n",
    "RUN <<'EOF'\necho \"$HOME\" \\\nEOF\n",                            # quoted, backslash
    "RUN <<-EOF\n\techo hi\n\tEOF\n",                                  # <<- with tabs
    "RUN 3<<EOF cat /dev/fd/3\nx\nEOF\n",                              # fd number
    "RUN <<EOF\n\nEOF\n",                                              # blank line body
])
def test_heredoc_then_more_instructions(heredoc: str) -> None:
    text = "FROM debian:12\n" + heredoc + AFTER
    after = text.count("\n")  # the line of 'RUN apk add curl'
    assert ids_and_places(text, select=("DL1000", "DL3007", "DL3019")) == [
        ("DL3007", after - 1, 13), ("DL3019", after, 5)]
    instructions = parse(text).instructions
    assert [i.name for i in instructions[-2:]] == ["FROM", "RUN"]
