"""DL3021: COPY/ADD with several sources needs a destination ending with '/'."""

from __future__ import annotations

from dockwise.findings import Severity
from tests.conftest import lint, spans

RULE = "DL3021"


def findings(text: str) -> list[tuple[int, int, str]]:
    return [(f.line, f.column, f.severity.label) for f in lint(text) if f.rule_id == RULE]


def test_several_sources_to_a_file_path() -> None:
    text = ("FROM node:20\n"
            "WORKDIR /app\n"
            "COPY package.json package-lock.json /app\n"
            "ADD a.txt b.txt conf\n"
            'COPY ["a", "b", "/dst"]\n')
    assert findings(text) == [(3, 37, "error"), (4, 17, "error"), (5, 17, "error")]
    assert spans(text, RULE)[0] == (3, 37, 3, 41)


def test_trailing_slash_and_single_source_are_fine() -> None:
    text = ("FROM node:20\n"
            "COPY package.json package-lock.json /app/\n"
            "COPY --from=build /out/a /out/b ./bin/\n"
            "COPY package.json /app\n"
            'COPY ["a", "b", "C:\\\\app\\\\"]\n')
    assert findings(text) == []


def test_dot_is_a_warning() -> None:
    text = "FROM node:20\nWORKDIR /app\nCOPY go.mod go.sum .\n"
    assert findings(text) == [(3, 20, "warning")]
    (finding,) = [f for f in lint(text) if f.rule_id == RULE]
    assert finding.fix == "./"


def test_user_severity_override_wins_for_dot() -> None:
    text = "FROM node:20\nCOPY a b .\n"
    found = [f for f in lint(text, severity={"DL3021": Severity.INFO}) if f.rule_id == RULE]
    assert [f.severity for f in found] == [Severity.INFO]


def test_destination_from_variables() -> None:
    text = ("FROM node:20\n"
            "ARG DEST=/app/\n"
            "ARG FILE=/app\n"
            "ARG UNKNOWN\n"
            "COPY a b ${DEST}\n"
            "COPY a b ${FILE}\n"
            "COPY a b ${UNKNOWN}\n")
    assert findings(text) == [(6, 10, "error")]


def test_heredoc_sources_count() -> None:
    text = ("FROM alpine:3.20\n"
            "COPY <<a.txt <<b.txt /etc/cfg\n"
            "one\n"
            "a.txt\n"
            "two\n"
            "b.txt\n")
    assert findings(text) == [(2, 22, "error")]


def test_flags_are_not_sources() -> None:
    text = "FROM scratch\nCOPY --link --chmod=755 ./Dockerfile /Dockerfile\n"
    assert findings(text) == []
