"""DW411 expose-invalid-format (BuildKit ExposeInvalidFormat)."""

from __future__ import annotations

from conftest import codes, lint, spans


def test_buildkit_docs_cases() -> None:
    assert spans("FROM alpine\nEXPOSE 127.0.0.1:80:80\n", "DW411") == [(2, 8, 2, 23)]
    assert codes("FROM alpine\nEXPOSE 80:80\n", "DW411") == [(2, 8)]
    assert codes("FROM alpine\nEXPOSE 80\n", "DW411") == []


def test_ipv6_protocols_and_fix() -> None:
    text = "FROM alpine:3.20\nEXPOSE 80 [::1]:8080:80/udp 443/tcp\n"
    [f] = [f for f in lint(text) if f.rule_id == "DW411"]
    assert (f.line, f.column, f.fix) == (2, 11, "EXPOSE 80/udp")


def test_variables_are_expanded() -> None:
    text = "FROM alpine:3.20\nARG HOST_PORT=8080\nEXPOSE $HOST_PORT:80 ${PORT}\n"
    assert codes(text, "DW411") == [(3, 8)]


def test_empty_host_part_and_rejected_specs_are_not_reported() -> None:
    # ":80" has no host part after all; "80:" and "1:2/bad" fail the build instead.
    assert codes("FROM alpine:3.20\nEXPOSE :80 80: 1:2/bad\n", "DW411") == []
