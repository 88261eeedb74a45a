"""Fuzzing: whatever the input, dockwise returns a tree and findings, never an exception.

Random text, random bytes and mutated corpus files go through the parser and through the whole
linter (every rule selected); the only allowed failure is :class:`InputError` for bytes with a
NUL, and the linter must never report its internal-error finding (DW999).
"""

from __future__ import annotations

import pytest
from conftest import CORPUS_FILES
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dockwise.config import Config
from dockwise.engine import INTERNAL_ERROR_ID, Linter
from dockwise.syntax import nodes as n
from dockwise.syntax import parse
from dockwise.syntax.parser import InputError

LINTER = Linter(Config(select=("ALL",)))
SETTINGS = settings(max_examples=250, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def check_tree(df: n.Dockerfile) -> None:
    """Spans are inside the text and ordered."""
    total = max(len(df.lines), 1)
    for ins in df.instructions:
        s = ins.span
        assert 1 <= s.start_line <= s.end_line <= total
        assert (s.start_line, s.start_column) <= (s.end_line, s.end_column)
    for err in df.errors:
        assert 1 <= err.span.start_line <= total


def lint_all(data: bytes | str) -> None:
    result = LINTER.lint_source(data, "fuzz/Dockerfile")
    assert all(f.rule_id != INTERNAL_ERROR_ID for f in result.findings), \
        [f.message for f in result.findings if f.rule_id == INTERNAL_ERROR_ID]


@SETTINGS
@given(st.text())
def test_random_text(text: str) -> None:
    check_tree(parse(text))
    lint_all(text)


@SETTINGS
@given(st.binary())
def test_random_bytes(data: bytes) -> None:
    try:
        df = parse(data)
    except InputError as exc:
        assert b"\x00" in data and exc.line is not None
        return
    check_tree(df)
    lint_all(data)


ALPHABET = st.sampled_from([*"\\`\"'$<>{}[]#=-\n\r\t :,;|&()EOF", "<<EOF", "\\\n"])


@SETTINGS
@given(index=st.integers(min_value=0, max_value=max(len(CORPUS_FILES) - 1, 0)),
       edits=st.lists(st.tuples(st.floats(0, 1), st.integers(0, 3), ALPHABET), max_size=8))
def test_mutated_corpus_files(index: int, edits: list[tuple[float, int, str]]) -> None:
    if not CORPUS_FILES:
        pytest.fail("corpus missing")
    text = CORPUS_FILES[index].read_text(encoding="utf-8", errors="replace")
    for where, delete, insert in edits:
        at = int(where * len(text))
        text = text[:at] + insert + text[at + delete:]
    check_tree(parse(text))
    lint_all(text)
