"""DL3045: COPY/ADD to a relative destination while no WORKDIR is set (this stage or the
stages it is built FROM); scratch stages are exempt."""

from __future__ import annotations

from tests.conftest import codes, spans

RULE = "DL3045"


def test_relative_destination_before_workdir() -> None:
    text = ("FROM python:3.12-slim\n"
            "COPY requirements.txt .\n"
            "ADD app.tar.gz app/\n"
            "COPY --from=busybox:1.36 /bin/busybox bin/busybox\n"
            "WORKDIR /app\n"
            "COPY . .\n")
    assert codes(text, RULE) == [(2, 23), (3, 16), (4, 39)]
    assert spans(text, RULE)[0] == (2, 23, 2, 24)


def test_absolute_destinations_are_fine() -> None:
    text = ("FROM python:3.12-slim\n"
            "COPY a /app/\n"
            'COPY b "/etc/b"\n'
            "COPY c C:/app/\n"
            'COPY ["d", "C:\\\\app"]\n')
    assert codes(text, RULE) == []


def test_workdir_inherited_from_the_parent_stage() -> None:
    text = ("FROM python:3.12-slim AS base\n"
            "WORKDIR /app\n"
            "FROM base AS test\n"
            "COPY tests/ tests/\n"
            "FROM python:3.12-slim\n"
            "COPY --from=test /app/tests tests/\n")
    assert codes(text, RULE) == [(6, 29)]


def test_scratch_stages_are_fine() -> None:
    text = ("FROM golang:1.22 AS build\n"
            "WORKDIR /src\n"
            "FROM scratch AS out\n"
            "COPY --from=build /src/app app\n"
            "FROM out\n"
            "COPY config.yaml .\n")
    assert codes(text, RULE) == []


def test_destinations_from_variables() -> None:
    text = ("FROM python:3.12-slim\n"
            "ARG REL=app\n"
            "ARG ABS=/app\n"
            "ARG UNKNOWN\n"
            "COPY a $REL\n"
            "COPY b ${ABS}\n"
            "COPY c ${UNKNOWN}\n")
    assert codes(text, RULE) == [(5, 8)]
