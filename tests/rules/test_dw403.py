"""DW403 no-empty-continuation (BuildKit NoEmptyContinuation)."""

from __future__ import annotations

from conftest import codes, spans


def test_buildkit_case() -> None:
    # dockerfile_lint_test.go, testNoEmptyContinuation: BuildKit reports line 6 (the end of the
    # instruction); dockwise reports the blank line itself.
    text = "\nFROM scratch\n# warning: empty continuation line\nCOPY Dockerfile \\\n\n.\n" \
        "COPY Dockerfile \\\n.\n"
    assert spans(text, "DW403") == [(5, 1, 5, 1)]


def test_each_blank_line_and_whitespace_only_lines() -> None:
    text = "FROM alpine:3.20\nRUN a \\\n\n  \\\n    b \\\n   \n    c\n"
    assert spans(text, "DW403") == [(3, 1, 3, 1), (6, 1, 6, 4)]


def test_comment_lines_and_blank_lines_outside_continuations_are_fine() -> None:
    text = "FROM alpine:3.20\n\nRUN a \\\n# note\n    b\n\nRUN c\n"
    assert codes(text, "DW403") == []


def test_pragma_on_the_instruction_covers_the_blank_line() -> None:
    text = "FROM alpine:3.20\n# dockwise ignore=DW403\nRUN a \\\n\n    b\n"
    assert codes(text, "DW403") == []
