"""DL3011: EXPOSE port numbers above 65535, in every EXPOSE form."""

from __future__ import annotations

from tests.conftest import codes, spans

RULE = "DL3011"


def test_valid_ports() -> None:
    text = "FROM alpine:3.20\nEXPOSE 0 80 8080/tcp 53/udp 65535 8000-8010 9000-9100/udp\n"
    assert codes(text, RULE) == []


def test_out_of_range_number_is_the_span() -> None:
    text = "FROM alpine:3.20\nEXPOSE 80 80800/tcp 65536\n"
    assert spans(text, RULE) == [(2, 11, 2, 16), (2, 21, 2, 26)]


def test_either_end_of_a_range() -> None:
    text = "FROM alpine:3.20\nEXPOSE 8000-70000 99999-100000/udp\n"
    assert spans(text, RULE) == [(2, 13, 2, 18), (2, 19, 2, 24), (2, 25, 2, 31)]


def test_ports_from_arg_and_env() -> None:
    text = ("FROM alpine:3.20\n"
            "ARG PORT=80800\n"
            "ENV ADMIN=9090\n"
            "EXPOSE ${PORT} $ADMIN ${UNKNOWN}\n")
    assert spans(text, RULE) == [(4, 8, 4, 15)]


def test_unknown_values_and_invalid_formats_are_left_alone() -> None:
    text = ("FROM alpine:3.20\n"
            "ARG PORT\n"
            "EXPOSE $PORT 80:8080 abc\n")
    assert codes(text, RULE) == []
