"""DW410 expose-proto-casing (BuildKit ExposeProtoCasing)."""

from __future__ import annotations

import pytest
from conftest import codes, lint, spans

from dockwise.rules.dw410 import split_port


def test_buildkit_docs_case() -> None:
    assert spans("FROM alpine\nEXPOSE 80/TcP\n", "DW410") == [(2, 11, 2, 14)]
    assert codes("FROM alpine\nEXPOSE 80/tcp\n", "DW410") == []


def test_several_ports_ranges_and_fix() -> None:
    text = "FROM alpine:3.20\nEXPOSE 80 443/TCP 7000-7010/UDP 9/sctp 5/SCTP\n"
    assert codes(text, "DW410") == [(2, 15), (2, 29), (2, 42)]
    assert [f.fix for f in lint(text) if f.rule_id == "DW410"] == \
        ["443/tcp", "7000-7010/udp", "5/sctp"]


def test_values_from_variables() -> None:
    text = "FROM alpine:3.20\nARG PROTO=UDP\nEXPOSE 53/$PROTO 54/${UNKNOWN}\n"
    assert spans(text, "DW410") == [(3, 8, 3, 17)]


def test_unknown_protocols_are_build_errors_not_casing() -> None:
    assert codes("FROM alpine:3.20\nEXPOSE 80/HTTP 80/\n", "DW410") == []


@pytest.mark.parametrize(("spec", "parts"), [
    ("80", ("", "", "80", "")),
    ("80/tcp", ("", "", "80", "tcp")),
    ("8080:80", ("", "8080", "80", "")),
    ("127.0.0.1:8080:80/udp", ("127.0.0.1", "8080", "80", "udp")),
    ("[::1]:8080:80", ("[::1]", "8080", "80", "")),
    (":80", ("", "", "80", "")),
    ("80:", None),
    ("80/http", None),
])
def test_split_port(spec: str, parts: tuple[str, str, str, str] | None) -> None:
    assert split_port(spec) == parts
