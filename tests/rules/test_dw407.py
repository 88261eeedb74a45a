"""DW407 legacy-key-value-format (BuildKit LegacyKeyValueFormat)."""

from __future__ import annotations

from conftest import codes, lint, spans


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testLegacyKeyValueFormat
    assert codes("\nFROM scratch\nENV testkey value\nLABEL key value\n", "DW407") == \
        [(3, 5), (4, 7)]
    assert codes("\nFROM scratch\nENV testkey=value\nLABEL key=value\n", "DW407") == []
    text = "\nFROM scratch AS a\n\nFROM a AS b\nENV testkey value\nLABEL key value\n\n" \
        "FROM a AS c\n"
    assert codes(text, "DW407") == [(5, 5), (6, 7)]


def test_key_span_and_fixes() -> None:
    text = "FROM alpine:3.20\nENV  GREETING hello world\nENV Q 'quoted'\nENV P /usr/bin\n"
    assert spans(text, "DW407") == [(2, 6, 2, 14), (3, 5, 3, 6), (4, 5, 4, 6)]
    fixes = [f.fix for f in lint(text) if f.rule_id == "DW407"]
    assert fixes == ['ENV GREETING="hello world"', None, "ENV P=/usr/bin"]


def test_onbuild_and_multiline() -> None:
    text = "FROM alpine:3.20\nONBUILD ENV A b\nENV B \\\n    c\n"
    assert codes(text, "DW407") == [(2, 13), (3, 5)]
