"""DL3023 copy-from-own-stage: ``--from`` naming the stage it is in."""

from __future__ import annotations

from conftest import spans


def test_own_name_and_index() -> None:
    text = ("FROM golang:1.22 AS builder\nCOPY --from=builder /a /a\nCOPY --from=0 /b /b\n"
            "COPY --from=Builder /c /c\n")
    assert spans(text, "DL3023") == [(2, 13, 2, 20), (3, 13, 3, 14), (4, 13, 4, 20)]


def test_other_stages_pass() -> None:
    text = ("FROM golang:1.22 AS builder\nFROM alpine:3.20 AS run\nCOPY --from=builder /a /a\n"
            "COPY --from=0 /a /a\n")
    assert spans(text, "DL3023") == []


def test_unnamed_stage_by_index() -> None:
    text = "FROM alpine:3.20\nFROM alpine:3.20\nCOPY --from=1 /a /a\nCOPY --from=0 /a /a\n"
    assert spans(text, "DL3023") == [(3, 13, 3, 14)]


def test_value_from_arg() -> None:
    text = "FROM alpine:3.20 AS me\nARG SELF=me\nARG ANY\nCOPY --from=$SELF /a /a\n" \
        "COPY --from=$ANY /a /a\n"
    assert spans(text, "DL3023") == [(4, 13, 4, 18)]


def test_run_mount_from_own_stage() -> None:
    text = "FROM alpine:3.20 AS me\nRUN --mount=from=me,target=/x true\n"
    assert spans(text, "DL3023") == [(2, 18, 2, 20)]
