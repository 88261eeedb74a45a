"""DL3022 copy-from-unknown-stage: ``--from`` naming neither an earlier stage nor an image."""

from __future__ import annotations

import pytest
from conftest import lint, spans

BUILD = "FROM golang:1.22 AS builder\nRUN go build -o /app .\nFROM alpine:3.20\n"


def test_typo_is_reported_on_the_value_with_a_suggestion() -> None:
    found = [f for f in lint(BUILD + "COPY --from=biulder /app /app\n") if f.rule_id == "DL3022"]
    assert [(f.line, f.column, f.end_column, f.fix) for f in found] == \
        [(4, 13, 20, "--from=builder")]
    assert "did you mean 'builder'" in found[0].message


@pytest.mark.parametrize("ref", ["builder", "BUILDER", "0", "busybox:1.36",
                                 "docker.io/library/busybox", "ghcr.io/org/tool@sha256:" + "0" * 64,
                                 "localhost:5000/tool", "context"])
def test_stages_images_and_the_context_pass(ref: str) -> None:
    assert spans(BUILD + f"COPY --from={ref} /app /app\n", "DL3022") == []


def test_bare_name_without_tag_is_reported() -> None:
    found = [f for f in lint(BUILD + "COPY --from=nginx /etc/nginx /etc/nginx\n")
             if f.rule_id == "DL3022"]
    assert [(f.line, f.column) for f in found] == [(4, 13)]
    assert "give it a tag" in found[0].message


def test_later_stage_by_name_and_index() -> None:
    text = ("FROM alpine:3.20 AS first\nCOPY --from=second /a /a\nCOPY --from=1 /b /b\n"
            "COPY --from=7 /c /c\nFROM alpine:3.20 AS second\n")
    found = [f for f in lint(text) if f.rule_id == "DL3022"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(2, 13, 19), (3, 13, 14),
                                                                   (4, 13, 14)]
    assert "defined later, on line 5" in found[0].message
    assert "there is no stage 7" in found[2].message


def test_own_stage_is_left_to_dl3023() -> None:
    text = "FROM alpine:3.20 AS a\nCOPY --from=a /x /x\nCOPY --from=0 /x /x\n"
    assert spans(text, "DL3022") == []
    assert spans(text, "DL3023") == [(2, 13, 2, 14), (3, 13, 3, 14)]


def test_values_from_args() -> None:
    text = (BUILD + "ARG SRC=builder\nARG BAD=biulder\nARG ANY\n"
            "COPY --from=$SRC /a /a\nCOPY --from=${BAD} /a /a\nCOPY --from=$ANY /a /a\n")
    assert spans(text, "DL3022") == [(8, 13, 8, 19)]


def test_run_mount_from() -> None:
    text = BUILD + "RUN --mount=type=bind,from=biulder,source=/app,target=/a true\n"
    found = [f for f in lint(text) if f.rule_id == "DL3022"]
    assert [(f.line, f.column, f.end_column, f.fix) for f in found] == \
        [(4, 28, 35, "from=builder")]


def test_copy_before_any_from_is_not_judged() -> None:
    assert spans("COPY --from=x /a /a\nFROM alpine:3.20\n", "DL3022") == []
