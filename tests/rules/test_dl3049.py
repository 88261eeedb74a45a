"""DL3049 missing-label: labels of the label schema missing from the final image."""

from __future__ import annotations

from conftest import lint, spans

SCHEMA = {"org.opencontainers.image.source": "url", "org.opencontainers.image.version": "semver"}


def test_nothing_without_a_schema() -> None:
    assert spans("FROM alpine:3.20\n", "DL3049") == []


def test_one_finding_per_missing_label_on_the_final_from() -> None:
    text = "FROM alpine:3.20 AS app\nLABEL org.opencontainers.image.version=1.0.0\n"
    found = [f for f in lint(text, label_schema=SCHEMA) if f.rule_id == "DL3049"]
    assert [(f.line, f.column, f.end_line, f.end_column) for f in found] == [(1, 1, 1, 24)]
    assert "'org.opencontainers.image.source'" in found[0].message
    assert "stage 'app'" in found[0].message


def test_all_present_passes_even_when_empty() -> None:
    text = ('FROM alpine:3.20\nLABEL org.opencontainers.image.source="" '
            "org.opencontainers.image.version=1.0.0\n")
    assert spans(text, "DL3049", label_schema=SCHEMA) == []


def test_builder_stages_need_no_labels() -> None:
    # hadolint reports the builder stage too
    text = ("FROM golang:1.22 AS build\nRUN go build -o /app .\n"
            "FROM alpine:3.20\nCOPY --from=build /app /app\n"
            "LABEL org.opencontainers.image.source=https://e.com "
            "org.opencontainers.image.version=1.0.0\n")
    assert spans(text, "DL3049", label_schema=SCHEMA) == []


def test_only_the_final_stage_is_reported() -> None:
    text = "FROM alpine:3.20 AS a\nFROM alpine:3.20 AS b\n"
    assert spans(text, "DL3049", label_schema=SCHEMA) == [(2, 1, 2, 22), (2, 1, 2, 22)]


def test_labels_inherited_from_parent_stages_count() -> None:
    text = ("FROM alpine:3.20 AS base\nLABEL org.opencontainers.image.source=https://e.com\n"
            "ONBUILD LABEL org.opencontainers.image.version=1.0.0\nFROM base\n")
    assert spans(text, "DL3049", label_schema=SCHEMA) == []


def test_onbuild_of_the_final_stage_does_not_count() -> None:
    text = ("FROM alpine:3.20\nLABEL org.opencontainers.image.source=https://e.com\n"
            "ONBUILD LABEL org.opencontainers.image.version=1.0.0\n")
    assert spans(text, "DL3049", label_schema=SCHEMA) == [(1, 1, 1, 17)]


def test_labels_from_a_stage_copied_from_do_not_count() -> None:
    text = ("FROM alpine:3.20 AS build\nLABEL org.opencontainers.image.source=https://e.com\n"
            "FROM alpine:3.20\nCOPY --from=build /a /a\n"
            "LABEL org.opencontainers.image.version=1.0.0\n")
    assert spans(text, "DL3049", label_schema=SCHEMA) == [(3, 1, 3, 17)]


def test_key_from_variable_counts_when_known() -> None:
    text = ("FROM alpine:3.20\nARG P=org.opencontainers.image\n"
            "LABEL ${P}.source=https://e.com ${P}.version=1.0.0\n")
    assert spans(text, "DL3049", label_schema=SCHEMA) == []


def test_unknown_key_may_be_the_missing_one() -> None:
    text = "FROM alpine:3.20\nARG K\nLABEL $K=x\n"
    assert spans(text, "DL3049", label_schema=SCHEMA) == []


def test_target_selects_the_image() -> None:
    text = ("FROM alpine:3.20 AS dev\nFROM alpine:3.20 AS prod\n"
            "LABEL org.opencontainers.image.source=https://e.com "
            "org.opencontainers.image.version=1.0.0\n")
    assert spans(text, "DL3049", label_schema=SCHEMA) == []
    assert spans(text, "DL3049", label_schema=SCHEMA, target="dev") == [(1, 1, 1, 24)] * 2
