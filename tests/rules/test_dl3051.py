"""DL3051 empty-label: a label of the schema set to an empty value."""

from __future__ import annotations

from conftest import lint, spans

SCHEMA = {"org.opencontainers.image.revision": "hash", "maintainer": "text"}


def test_empty_values_reported_on_the_pair() -> None:
    text = ('FROM alpine:3.20\nLABEL org.opencontainers.image.revision="" other=""\n'
            "LABEL maintainer=\n")
    assert spans(text, "DL3051", label_schema=SCHEMA) == [(2, 7, 2, 43), (3, 7, 3, 18)]


def test_nothing_without_a_schema() -> None:
    assert spans('FROM alpine:3.20\nLABEL maintainer=""\n', "DL3051") == []


def test_empty_arg_default_is_empty() -> None:
    text = 'FROM alpine:3.20\nARG SHA=""\nLABEL org.opencontainers.image.revision=$SHA\n'
    found = [f for f in lint(text, label_schema=SCHEMA) if f.rule_id == "DL3051"]
    assert [(f.line, f.column) for f in found] == [(3, 7)]
    assert "(from '$SHA')" in found[0].message


def test_arg_without_default_is_unknown() -> None:
    text = "FROM alpine:3.20\nARG SHA\nLABEL org.opencontainers.image.revision=$SHA\n"
    assert spans(text, "DL3051", label_schema=SCHEMA) == []


def test_non_empty_and_whitespace_values_pass() -> None:
    text = 'FROM alpine:3.20\nLABEL maintainer=" " org.opencontainers.image.revision=abc1234\n'
    assert spans(text, "DL3051", label_schema=SCHEMA) == []


def test_empty_value_is_not_also_a_format_error() -> None:
    text = 'FROM alpine:3.20\nLABEL org.opencontainers.image.revision=""\n'
    assert spans(text, "DL3055", label_schema=SCHEMA) == []
