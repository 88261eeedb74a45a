"""DL3048 invalid-label-key: LABEL keys outside Docker's key format."""

from __future__ import annotations

import pytest
from conftest import lint, spans


@pytest.mark.parametrize("key", ["org.opencontainers.image.source", "maintainer", "a", "a1",
                                 "io.k8s.description", "com.example.my-label", "build_id",
                                 "my.label/with_underscore", "a__b",
                                 "com.docker.extension.changelog",
                                 "com.docker.desktop.extension.api.version"])
def test_valid_keys(key: str) -> None:
    assert spans(f"FROM alpine:3.20\nLABEL {key}=x\n", "DL3048") == []


@pytest.mark.parametrize(("key", "reason"), [
    ("Maintainer", "'M' is not"),
    ("build date", "' ' is not"),
    ("1abc", "does not begin"),
    ("-abc", "does not begin"),
    ("_abc", "does not begin"),
    ("abc-", "does not end"),
    ("abc.", "does not end"),
    ("abc_", "does not end"),
    ("abc/", "does not end"),
    ("a..b", "consecutive"),
    ("a--b", "consecutive"),
    ("com.docker.thing", "'com.docker.' namespace is reserved"),
    ("io.docker.thing", "'io.docker.' namespace is reserved"),
    ("org.dockerproject.thing", "'org.dockerproject.' namespace is reserved"),
])
def test_invalid_keys_with_the_reason(key: str, reason: str) -> None:
    found = [f for f in lint(f'FROM alpine:3.20\nLABEL "{key}"=x\n') if f.rule_id == "DL3048"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 7, 7 + len(key) + 2)]
    assert reason in found[0].message


def test_each_key_of_a_multi_line_label_at_its_position() -> None:
    text = ("FROM alpine:3.20\nLABEL org.opencontainers.image.title=api \\\n"
            "      Build_Date=2024 \\\n      version=1\n")
    assert spans(text, "DL3048") == [(3, 7, 3, 17)]


def test_legacy_form_and_onbuild() -> None:
    text = "FROM alpine:3.20\nLABEL Maintainer Jane\nONBUILD LABEL Team=core\n"
    assert spans(text, "DL3048") == [(2, 7, 2, 17), (3, 15, 3, 19)]


def test_keys_are_expanded() -> None:
    text = ("FROM alpine:3.20\nARG NS=com.example\nARG BAD=My\nARG UNKNOWN\n"
            "LABEL ${NS}.version=1 ${BAD}.key=2 ${UNKNOWN}Key=3\n")
    assert spans(text, "DL3048") == [(5, 23, 5, 33)]
