"""DL3043: ONBUILD triggering ONBUILD, FROM or MAINTAINER, reported once (not also DL1000)."""

from __future__ import annotations

from tests.conftest import codes, lint, spans

RULE = "DL3043"


def test_each_forbidden_trigger_at_its_keyword() -> None:
    text = ("FROM alpine:3.20\n"
            "ONBUILD ONBUILD RUN make\n"
            "ONBUILD FROM alpine:3.20\n"
            "onbuild maintainer someone\n")
    assert spans(text, RULE) == [(2, 9, 2, 16), (3, 9, 3, 13), (4, 9, 4, 19)]
    assert codes(text, "DL1000") == []


def test_trigger_on_a_continuation_line() -> None:
    text = "FROM alpine:3.20\nONBUILD \\\n    FROM alpine:3.20\n"
    assert spans(text, RULE) == [(3, 5, 3, 9)]


def test_allowed_triggers_and_other_syntax_errors() -> None:
    text = ("FROM alpine:3.20\n"
            "ONBUILD RUN make\n"
            "ONBUILD COPY . /app\n"
            "RUNN x\n")
    assert codes(text, RULE) == []
    assert codes(text, "DL1000") == [(4, 1)]


def test_message_names_the_trigger() -> None:
    (finding,) = [f for f in lint("FROM alpine:3.20\nONBUILD from x\n") if f.rule_id == RULE]
    assert finding.message.startswith("ONBUILD FROM is not allowed")


def test_hadolint_pragma_applies() -> None:
    text = "FROM alpine:3.20\n# hadolint ignore=DL3043\nONBUILD FROM alpine:3.20\n"
    assert [f.rule_id for f in lint(text) if f.rule_id in (RULE, "DL1000")] == []
