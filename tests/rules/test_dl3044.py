"""DL3044: an ENV value referring to a variable the same ENV instruction changes."""

from __future__ import annotations

from tests.conftest import codes, lint, spans

RULE = "DL3044"


def test_reference_to_a_variable_set_in_the_same_env() -> None:
    text = "FROM debian:12\nENV JAVA_HOME=/opt/java PATH=$JAVA_HOME/bin:$PATH\n"
    assert spans(text, RULE) == [(2, 30, 2, 40)]


def test_braces_order_and_continuation_lines() -> None:
    text = ("FROM debian:12\n"
            "ENV URL=https://example.com/${VERSION}/x.tgz \\\n"
            "    VERSION=1.2\n")
    assert spans(text, RULE) == [(2, 29, 2, 39)]


def test_self_reference_is_fine() -> None:
    text = "FROM debian:12\nENV PATH=/opt/bin:$PATH GOPATH=/go\n"
    assert codes(text, RULE) == []


def test_unchanged_variable_is_fine() -> None:
    text = ("FROM debian:12\n"
            "ENV A=1\n"
            "ENV A=1 B=$A\n"
            "ARG V\n"
            "ENV V=$V URL=/dl/$V\n")
    assert codes(text, RULE) == []


def test_changed_value_from_an_earlier_arg_is_reported() -> None:
    text = ("FROM debian:12\n"
            "ARG V=1\n"
            "ENV V=2 URL=/dl/$V\n")
    assert spans(text, RULE) == [(3, 17, 3, 19)]
    (finding,) = [f for f in lint(text) if f.rule_id == RULE]
    assert "'1'" in finding.message


def test_different_names_and_separate_instructions_are_fine() -> None:
    text = ("FROM debian:12\n"
            "ENV A=1 AB=$AB_OLD C='$A'\n"
            "ENV JAVA_HOME=/opt/java\n"
            "ENV PATH=$JAVA_HOME/bin:$PATH\n")
    assert codes(text, RULE) == []


def test_escaped_dollar_is_not_a_reference() -> None:
    text = "FROM debian:12\nENV A=1 B=\\$A\n"
    assert codes(text, RULE) == []


def test_escaped_braces_in_quotes_are_not_a_reference() -> None:
    text = 'FROM debian:12\nENV SOME=rw \\\n    OTHER="\\${SOME}_more"\n'
    assert codes(text, RULE) == []


def test_same_name_set_twice_reports_the_later_reference() -> None:
    text = "FROM debian:12\nENV PATH=/a:$PATH PATH=/b:$PATH\n"
    assert spans(text, RULE) == [(2, 27, 2, 32)]
