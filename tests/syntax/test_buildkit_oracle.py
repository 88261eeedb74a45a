"""Differential tests against BuildKit's own parser.

The ``dockerfile`` package wraps BuildKit's Go parser (x86-64 Linux wheels only). For every file
of the corpus, and for generated documents mixing every tricky construct (continuations, comments
inside them, blank continuation lines, heredocs, escape directives, JSON forms, flags, CRLF, a
BOM), dockwise must produce the same instructions, start and end lines, flags, argument values and
heredoc bodies.

Only BuildKit's *parser* is compared. dockwise also reports what BuildKit's later instruction
check rejects (an unknown instruction, ``FROM a b``, a bad stage name), as DL1000, on input the
parser alone accepts; those files still must parse to the same tree.
"""

from __future__ import annotations

import platform
import sys
from pathlib import Path
from typing import Any

import pytest
from conftest import CORPUS_FILES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockwise.syntax import nodes as n
from dockwise.syntax import parse

if sys.platform == "linux" and platform.machine() == "x86_64":
    import dockerfile  # the oracle must be installed where it can be ('.[dev]' extra)
else:  # pragma: no cover - other platforms have no wheel
    dockerfile = pytest.importorskip("dockerfile", reason="no dockerfile wheel here")

pytestmark = pytest.mark.oracle

#: Messages dockwise reports where BuildKit's *parser* (as opposed to its dispatcher) fails.
PARSER_LEVEL_ERRORS = ("unterminated heredoc", "must have two arguments", "can't find =",
                       "arrays must be comprised", "parser directive", "escape token")


def _values(ins: n.Instruction) -> tuple[str, ...]:
    """The argument values in the shape the oracle reports (its ``Command.value``)."""
    if isinstance(ins, n.Unknown):
        return ("",)
    if isinstance(ins, n.Onbuild):
        return _values(ins.trigger) if ins.trigger is not None else ()
    if isinstance(ins, n.Healthcheck):
        head = (ins.type.text,) if ins.type else ()
        if ins.is_exec:
            return head + ins.argv
        return head + ((ins.command.text,) if ins.command else ())
    if isinstance(ins, n.CommandInstruction):
        if ins.is_exec:
            return ins.argv
        return (ins.command.text,) if ins.command else ()
    if isinstance(ins, n.PathsInstruction):
        return tuple(p.text for p in ins.paths)
    if isinstance(ins, (n.Env, n.Label)):
        return tuple(t for p in ins.pairs for t in (p.key.text, p.value.text if p.value else ""))
    if isinstance(ins, n.Arg):
        return tuple(p.key.text + (f"={p.value.text}" if p.value is not None else "")
                     for p in ins.pairs)
    if isinstance(ins, n.From):
        return tuple(w.text for w in ins.words)
    if isinstance(ins, n.Expose):
        return tuple(p.text for p in ins.ports)
    if isinstance(ins, n.StringInstruction):
        return (ins.value.text,) if ins.value else ()
    raise AssertionError(type(ins))


def _flags(ins: n.Instruction) -> tuple[str, ...]:
    target = ins.trigger if isinstance(ins, n.Onbuild) and ins.trigger is not None else ins
    return tuple("--" + f.name + (f"={f.value}" if f.value is not None else "")
                 for f in target.flags)


def _is_json(ins: n.Instruction) -> bool:
    target = ins.trigger if isinstance(ins, n.Onbuild) and ins.trigger is not None else ins
    return isinstance(target, (n.CommandInstruction, n.PathsInstruction)) and \
        target.form is n.Form.EXEC


def ours(ins: n.Instruction) -> dict[str, Any]:
    return {
        "cmd": ins.keyword,
        "lines": (ins.span.start_line, ins.span.end_line),
        "flags": _flags(ins),
        # the Go binding cuts strings at NUL bytes; BuildKit itself keeps them
        "value": tuple(v.replace("\x00", "") for v in _values(ins)),
        "json": _is_json(ins),
        "heredocs": tuple((h.name, h.content) for h in ins.heredocs),
    }


def theirs(cmd: Any, ins: n.Instruction) -> dict[str, Any]:
    # The binding does not expose heredocs of ONBUILD triggers (BuildKit reads them: the
    # line range shows it), and gives ``None`` for the empty command of a bare continuation.
    heredocs = tuple((h.name, h.content) for h in cmd.heredocs)
    if cmd.sub_cmd:
        heredocs = tuple((h.name, h.content) for h in ins.heredocs)
    return {
        "cmd": cmd.cmd or "",
        "lines": (cmd.start_line, cmd.end_line),
        "flags": tuple(cmd.flags),
        "value": tuple(v.replace("\x00", "") for v in cmd.value),
        "json": cmd.json,
        "heredocs": heredocs,
    }


def compare(text: str | bytes) -> None:
    """Assert dockwise parses ``text`` as BuildKit does."""
    data = text if isinstance(text, bytes) else text.encode()
    df = parse(data)
    parser_errors = [e for e in df.errors if any(m in e.message for m in PARSER_LEVEL_ERRORS)]
    try:
        commands = dockerfile.parse_string(data.decode("utf-8"))
    except dockerfile.GoParseError as exc:
        if "file with no instructions" in str(exc):
            assert df.instructions == ()
            return
        assert parser_errors, f"BuildKit rejects it ({exc}) but dockwise does not"
        return
    assert not parser_errors, f"dockwise rejects what BuildKit accepts: {parser_errors}"
    assert len(commands) == len(df.instructions)
    for cmd, ins in zip(commands, df.instructions, strict=True):
        assert ours(ins) == theirs(cmd, ins)


@pytest.mark.parametrize("path", CORPUS_FILES, ids=lambda p: p.name)
def test_corpus_file_parses_as_buildkit_does(path: Path) -> None:
    compare(path.read_bytes())


def test_corpus_is_present() -> None:
    assert len(CORPUS_FILES) == 524


FRAGMENTS = [
    "FROM a", "FROM a AS b", "from --platform=linux/amd64 a:1 as b", "RUN echo hi",
    "RUN <<EOF", "RUN <<-EOF cat", 'RUN cat <<"EOF" <<X', "EOF", "\tEOF", "X",
    "COPY <<EOF /x", "COPY a b", 'COPY ["a", "b"]', 'CMD ["a", "b"] x', "CMD [a",
    'ENV a=b c="d e"', "ENV a b c", 'LABEL "k"="v"', "ARG x", "ARG y=1 z", "# comment", "#",
    "", "   ", "\\", "RUN a \\", "  b \\", "# c \\", "\t", "run x", "ONBUILD RUN <<EOF",
    "ONBUILD COPY a b", "# escape=`", "# syntax=x", "RUN a `",
    "RUN --mount=type=cache,target=/x y", "RUN --network=none -- x", "HEALTHCHECK CMD x",
    "EXPOSE 80/tcp 443", "USER a:b", "WORKDIR /x", 'ENV x="a \\" b"', "ENV y='a b'",
    'RUN echo "<<EOF"', "RUN x <<EOF y", 'VOLUME ["/a"]', "VOLUME /a /b", "ENTRYPOINT sh -c",
    'SHELL ["sh", "-c"]', "RUN a \\\\", "RUN echo é \\", "COPY --link --from=b /a /b",
    'RUN --a="b c" d', "ENV --x=1 A=b", "MAINTAINER me", "STOPSIGNAL SIGTERM",
]


# ``# check=`` is left out: the oracle wraps a BuildKit from before that directive existed, so it
# reads the line as a plain comment (ending the directive block) where current BuildKit, and
# dockwise, read a directive. test_parser.py covers ``# check=`` against current BuildKit.
@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines=st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=14),
       newline=st.sampled_from(["\n", "\r\n"]), final=st.booleans(), bom=st.booleans())
def test_generated_documents_parse_as_buildkit_does(lines: list[str], newline: str,
                                                    final: bool, bom: bool) -> None:
    text = newline.join(lines) + (newline if final else "")
    compare(("\ufeff" if bom else "") + text)
