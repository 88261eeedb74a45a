"""The syntax and model queries the BuildKit checks share: variable references with their
positions, BuildKit's "did you mean" suggestions, Docker's image reference grammar, the default
PATH of a scratch stage, and instructions a later one of the same kind overrides."""

from __future__ import annotations

import pytest

from dockwise.model import DEFAULT_PATH, Model, is_valid_reference
from dockwise.syntax import nodes as n
from dockwise.syntax.parser import parse
from dockwise.syntax.variables import find_references, suggest_name


@pytest.mark.parametrize(("word", "expected"), [
    ("$A", [("A", 0, 2)]),
    ("${A}", [("A", 0, 4)]),
    ("x${A:-$B}y", [("A", 1, 9), ("B", 6, 8)]),
    ("${A:+${B}}", [("A", 0, 10), ("B", 5, 9)]),
    ('"$A"', [("A", 1, 3)]),
    ("'$A'", []),
    ("\\$A", []),
    ('"\\$A"', []),
    ("$$A", []),
    ("$1$@", []),
    ("a/$DIR_X/b", [("DIR_X", 2, 8)]),
    ("$", []),
])
def test_find_references(word: str, expected: list[tuple[str, int, int]]) -> None:
    assert find_references(word) == expected


def test_find_references_with_backtick_escape_and_raw_quotes() -> None:
    assert find_references("`$A $B", "`") == [("B", 4, 6)]
    assert find_references("'$A'", quotes=False) == [("A", 1, 3)]


@pytest.mark.parametrize(("name", "options", "expected"), [
    ("PAHT", ["HOME", "PATH"], "PATH"),
    ("DIR_ASSET", ["DIR_BINARIES", "DIR_ASSETS", "DIR_CONFIG"], "DIR_ASSETS"),
    ("BULIDPLATFORM", ["BUILDPLATFORM", "TARGETPLATFORM"], "BUILDPLATFORM"),
    ("FOO", ["BAR"], None),           # three edits: too far
    ("path", ["PATH"], None),         # case-sensitive, as BuildKit on Linux
    ("A", ["A", "B"], None),          # an exact match is no suggestion
    ("AB", ["AC", "AD"], "AC"),       # ties: the first option wins
    ("GOPATH", ["GOPAT", "PATH"], "GOPAT"),
])
def test_suggest_name(name: str, options: list[str], expected: str | None) -> None:
    assert suggest_name(name, options) == expected


@pytest.mark.parametrize(("text", "valid"), [
    ("busybox", True),
    ("busybox:1.36", True),
    ("docker.io/library/busybox:latest", True),
    ("localhost:5000/team/app:1", True),
    ("[::1]:5000/app", True),
    ("ghcr.io/o/r@sha256:" + "a" * 64, True),
    ("build_amd64", True),
    ("FOO/bar", True),          # an upper-case first part is a registry host
    ("", False),
    ("busybox:", False),
    (":1.36", False),
    ("Busybox", False),
    ("ghcr.io/Org/app", False),
    ("a" * 64, False),
    ("app:" + "x" * 129, False),
    ("alpine@sha256:abc", False),
])
def test_is_valid_reference(text: str, valid: bool) -> None:
    assert is_valid_reference(text) is valid


def _model(text: str) -> Model:
    return Model(parse(text))


def test_scratch_stage_has_the_default_path() -> None:
    model = _model("FROM scratch\nENV PATH=/app:$PATH\nCOPY a /a\n")
    copy = model.dockerfile.instructions[2]
    assert model.state(copy).env_value("PATH") == "/app:" + DEFAULT_PATH
    alpine = _model("FROM alpine:3.20\nENV X=1\n")
    assert "PATH" not in alpine.state(alpine.dockerfile.instructions[1]).variables


def test_overridden_pairs_per_stage() -> None:
    model = _model('FROM alpine AS a\nCMD ["1"]\nCMD ["2"]\nCMD ["3"]\n'
                   'FROM a\nCMD ["4"]\n')
    pairs = [(e.line, later.line) for e, later in model.overridden(n.Cmd)]
    assert pairs == [(2, 3), (3, 4)]


def test_references_positions_for_tokens_flags_and_heredocs() -> None:
    text = ("FROM alpine\n"
            "RUN --mount=type=cache,target=$CACHE true\n"
            "COPY --chown=$U:$G <<EOF ${DEST}\n"
            "x $BODY\n"
            "EOF\n")
    model = _model(text)
    run, copy = model.dockerfile.instructions[1], model.dockerfile.instructions[2]
    assert isinstance(run, n.Run) and isinstance(copy, n.Copy)
    spans = [(name, s.start_line, s.start_column, s.end_column)
             for name, s in model.references(run, run.flags[0])]
    assert spans == [("CACHE", 2, 31, 37)]
    chown = copy.flag("chown")
    assert chown is not None
    assert [(nm, s.start_column) for nm, s in model.references(copy, chown)] == \
        [("U", 14), ("G", 17)]
    dest = copy.paths[-1]
    assert [(nm, s.start_column, s.end_column) for nm, s in model.references(copy, dest)] == \
        [("DEST", 26, 33)]
    body = [(nm, s.start_line, s.start_column) for nm, s in
            model.references(copy, copy.heredocs[0])]
    assert body == [("BODY", 4, 3)]
