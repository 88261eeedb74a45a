"""DL3066: the USER the image ends with is a name rather than a numeric UID."""

from __future__ import annotations

from tests.conftest import codes, spans

RULE = "DL3066"


def test_final_user_name() -> None:
    text = "FROM alpine:3.20\nUSER app:app\n"
    assert spans(text, RULE) == [(2, 6, 2, 9)]


def test_numeric_uid_with_or_without_group_is_fine() -> None:
    assert codes("FROM alpine:3.20\nUSER 10001\n", RULE) == []
    assert codes("FROM alpine:3.20\nUSER 10001:app\n", RULE) == []


def test_only_the_last_user_of_the_image_counts() -> None:
    text = ("FROM golang:1.22 AS build\n"
            "USER builder\n"
            "FROM alpine:3.20\n"
            "USER app\n"
            "RUN id\n"
            "USER 10001\n")
    assert codes(text, RULE) == []


def test_user_inherited_from_the_parent_stage() -> None:
    text = ("FROM alpine:3.20 AS base\n"
            "USER nobody\n"
            "FROM base\n"
            "COPY app /app\n")
    assert codes(text, RULE) == [(2, 6)]


def test_values_from_arg_and_env() -> None:
    numeric = "FROM alpine:3.20\nARG UID=10001\nUSER ${UID}\n"
    named = "FROM alpine:3.20\nARG NAME=app\nUSER ${NAME}:${NAME}\n"
    unknown = "FROM alpine:3.20\nARG UID\nUSER $UID\n"
    assert codes(numeric, RULE) == []
    assert spans(named, RULE) == [(3, 6, 3, 21)]
    assert codes(unknown, RULE) == []


def test_root_and_windows_users_are_left_alone() -> None:
    assert codes("FROM alpine:3.20\nUSER root\n", RULE) == []
    windows = "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n"
    assert codes(windows, RULE) == []


def test_target_selects_the_final_stage() -> None:
    text = ("FROM alpine:3.20 AS dev\n"
            "USER dev\n"
            "FROM alpine:3.20\n"
            "USER 10001\n")
    assert codes(text, RULE) == []
    assert codes(text, RULE, target="dev") == [(2, 6)]
