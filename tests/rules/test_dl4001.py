"""DL4001: wget and curl both used in one stage; the calls of the less used one are reported."""

from __future__ import annotations

from tests.conftest import codes, lint, spans

RULE = "DL4001"


def test_minority_tool_is_reported() -> None:
    text = ("FROM debian:12\n"
            "RUN curl -fsSLo /a https://example.com/a\n"
            "RUN wget -qO /b https://example.com/b && curl -fsSLo /c https://example.com/c\n")
    assert spans(text, RULE) == [(3, 5, 3, 9)]
    (finding,) = [f for f in lint(text) if f.rule_id == RULE]
    assert "curl (line 2)" in finding.message
    assert finding.fix == "use curl here"


def test_tie_reports_the_tool_used_later() -> None:
    text = ("FROM debian:12\n"
            "RUN wget -q https://example.com/a\n"
            "RUN sudo curl -fsSLO https://example.com/b\n")
    assert codes(text, RULE) == [(3, 10)]


def test_fallbacks_are_not_counted() -> None:
    text = ("FROM debian:12\n"
            'RUN curl -fsSL "$URL" -o /a || wget -qO /a "$URL"\n'
            "RUN if command -v curl; then curl -fsSLO x; else wget -q x; fi\n")
    assert codes(text, RULE) == []


def test_each_stage_on_its_own() -> None:
    text = ("FROM debian:12 AS fetch\n"
            "RUN curl -fsSLO https://example.com/a\n"
            "FROM debian:12\n"
            "RUN wget -q https://example.com/b\n")
    assert codes(text, RULE) == []


def test_installing_is_not_using() -> None:
    text = ("FROM debian:12\n"
            "RUN apt-get install -y curl wget && curl -fsSLO https://example.com/a\n")
    assert codes(text, RULE) == []
