"""DL3024 duplicate-stage-name: a stage name used twice (case-insensitively)."""

from __future__ import annotations

from conftest import lint, spans


def test_duplicate_reported_on_the_second_name() -> None:
    text = "FROM golang:1.22 AS build\nFROM node:20 AS build\n"
    found = [f for f in lint(text) if f.rule_id == "DL3024"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 17, 22)]
    assert "line 1" in found[0].message


def test_names_compare_case_insensitively() -> None:
    assert spans("FROM a:1 AS build\nFROM b:1 as Build\nFROM c:1 AS BUILD\n", "DL3024") == \
        [(2, 13, 2, 18), (3, 13, 3, 18)]


def test_distinct_and_unnamed_stages_pass() -> None:
    assert spans("FROM a:1 AS one\nFROM b:1 AS two\nFROM c:1\nFROM d:1\n", "DL3024") == []


def test_buildkit_name_skips_it() -> None:
    text = "# check=skip=DuplicateStageName\nFROM a:1 AS x\nFROM b:1 AS x\n"
    assert spans(text, "DL3024") == []
