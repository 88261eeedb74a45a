"""DL3050 superfluous-label: with strict-labels, labels outside the label schema."""

from __future__ import annotations

from conftest import lint, spans

SCHEMA = {"version": "semver"}


def test_off_without_strict_labels() -> None:
    assert spans("FROM alpine:3.20\nLABEL extra=1\n", "DL3050", label_schema=SCHEMA) == []


def test_extra_labels_reported_on_the_key() -> None:
    text = "FROM alpine:3.20\nLABEL version=1.0.0 extra=1\nONBUILD LABEL other=2\n"
    found = [f for f in lint(text, label_schema=SCHEMA, strict_labels=True)
             if f.rule_id == "DL3050"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 21, 26), (3, 15, 20)]
    assert "'extra' is not in the label schema" in found[0].message


def test_every_stage_is_checked() -> None:
    text = "FROM alpine:3.20 AS build\nLABEL stage=build\nFROM alpine:3.20\nLABEL version=1.0.0\n"
    assert spans(text, "DL3050", label_schema=SCHEMA, strict_labels=True) == [(2, 7, 2, 12)]


def test_without_a_schema_every_label_is_superfluous() -> None:
    found = [f for f in lint("FROM alpine:3.20\nLABEL a=1 b=2\n", strict_labels=True)
             if f.rule_id == "DL3050"]
    assert [(f.line, f.column) for f in found] == [(2, 7), (2, 11)]
    assert "schema is empty" in found[0].message


def test_keys_are_expanded_and_unknown_ones_skipped() -> None:
    text = "FROM alpine:3.20\nARG K=version\nARG U\nLABEL $K=1.0.0 $U=x\n"
    assert spans(text, "DL3050", label_schema=SCHEMA, strict_labels=True) == []
