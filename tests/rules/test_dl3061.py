"""DL3061 instruction-before-from: only ARG may precede the first FROM."""

from __future__ import annotations

from conftest import lint, spans


def test_instructions_before_from_on_the_keyword() -> None:
    text = ("# syntax=docker/dockerfile:1\n# a comment\nARG V=1\nLABEL a=b\n  env X=1\n"
            "FROM alpine:3.20\nLABEL c=d\n")
    found = [f for f in lint(text) if f.rule_id == "DL3061"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(4, 1, 6), (5, 3, 6)]
    assert found[1].message.startswith("ENV before the first FROM")


def test_arg_and_comments_only_pass() -> None:
    assert spans("ARG A=1\n# c\nARG B\nFROM alpine:$A\nRUN true\n", "DL3061") == []


def test_file_without_from() -> None:
    found = [f for f in lint("ARG A=1\nRUN echo hi\n") if f.rule_id == "DL3061"]
    assert [(f.line, f.column) for f in found] == [(2, 1)]
    assert "without FROM" in found[0].message


def test_unknown_instruction_is_left_to_dl1000() -> None:
    text = "RUNN echo\nFROM alpine:3.20\n"
    assert spans(text, "DL3061") == []
    assert spans(text, "DL1000") == [(1, 1, 1, 5)]
