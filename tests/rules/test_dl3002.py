"""DL3002 last-user-root: the USER the final image runs as is root."""

from __future__ import annotations

import pytest
from conftest import lint, spans


@pytest.mark.parametrize("user", ["root", "0", "root:root", "0:0", "root:wheel", "00", '"root"'])
def test_root_forms(user: str) -> None:
    text = f"FROM alpine:3.20\nUSER app\nUSER {user}\n"
    assert spans(text, "DL3002") == [(3, 6, 3, 6 + len(user))]


@pytest.mark.parametrize("user", ["app", "1000", "1000:1000", "nobody", "rooter", "app:root",
                                  "65534:0"])
def test_non_root_users_pass(user: str) -> None:
    assert spans(f"FROM alpine:3.20\nUSER root\nUSER {user}\n", "DL3002") == []


def test_only_the_last_user_counts() -> None:
    text = "FROM alpine:3.20\nUSER root\nRUN apk add --no-cache curl\nUSER app\n"
    assert spans(text, "DL3002") == []


def test_builder_stage_root_does_not_reach_the_image() -> None:
    # hadolint reports line 2; the image built from the last stage runs as app
    text = ("FROM golang:1.22 AS build\nUSER root\nRUN go build -o /app .\n"
            "FROM alpine:3.20\nCOPY --from=build /app /app\nUSER app\n")
    assert spans(text, "DL3002") == []


def test_root_inherited_from_a_parent_stage_is_reported_where_it_is_set() -> None:
    text = "FROM alpine:3.20 AS base\nUSER root\nFROM base\nRUN true\n"
    found = [f for f in lint(text) if f.rule_id == "DL3002"]
    assert [(f.line, f.column, f.stage) for f in found] == [(2, 6, "base")]
    assert "inherited from stage 'base'" in found[0].message


def test_child_stage_user_overrides_parent_root() -> None:
    text = "FROM alpine:3.20 AS base\nUSER root\nFROM base\nUSER app\n"
    assert spans(text, "DL3002") == []


def test_user_from_arg_is_resolved() -> None:
    text = "FROM alpine:3.20\nARG RUN_AS=0:0\nUSER $RUN_AS\n"
    assert spans(text, "DL3002") == [(3, 6, 3, 13)]


def test_unknown_user_is_not_judged() -> None:
    text = "FROM alpine:3.20\nUSER root\nARG RUN_AS\nUSER ${RUN_AS}\n"
    assert spans(text, "DL3002") == []


def test_no_user_at_all_is_not_this_rule() -> None:
    assert spans("FROM alpine:3.20\nRUN true\n", "DL3002") == []


def test_target_selects_the_image() -> None:
    text = "FROM alpine:3.20 AS debug\nUSER root\nFROM alpine:3.20 AS prod\nUSER app\n"
    assert spans(text, "DL3002") == []
    assert spans(text, "DL3002", target="debug") == [(2, 6, 2, 10)]
