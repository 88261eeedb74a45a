"""DL4000 maintainer-deprecated (BuildKit MaintainerDeprecated)."""

from __future__ import annotations

from conftest import codes, lint, spans


def test_buildkit_cases() -> None:
    # dockerfile_lint_test.go, testMaintainerDeprecated
    assert codes("FROM scratch\nMAINTAINER me@example.org\n", "DL4000") == [(2, 1)]
    assert codes('FROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n',
                 "DL4000") == []


def test_keyword_span_in_any_case_and_before_from() -> None:
    text = "MAINTAINER a\nFROM alpine:3.20\n  maintainer b c\n"
    assert spans(text, "DL4000") == [(1, 1, 1, 11), (3, 3, 3, 13)]


def test_fix_is_the_label() -> None:
    [f] = [f for f in lint("FROM alpine:3.20\nMAINTAINER Jane <j@x.org>\n")
           if f.rule_id == "DL4000"]
    assert f.fix == 'LABEL org.opencontainers.image.authors="Jane <j@x.org>"'
    assert f.severity.label == "error"
