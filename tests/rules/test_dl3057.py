"""DL3057 missing-healthcheck: the image has no HEALTHCHECK (off by default)."""

from __future__ import annotations

from conftest import lint, spans


def test_missing_healthcheck_on_the_final_from() -> None:
    text = "FROM golang:1.22 AS build\nFROM alpine:3.20 AS run\nCMD [\"/app\"]\n"
    found = [f for f in lint(text) if f.rule_id == "DL3057"]
    assert [(f.line, f.column, f.end_line, f.end_column) for f in found] == [(2, 1, 2, 24)]
    assert "stage 'run'" in found[0].message


def test_off_by_default() -> None:
    text = "FROM alpine:3.20\n"
    assert [f for f in lint(text, select=None) if f.rule_id == "DL3057"] == []
    assert [f.rule_id for f in lint(text, select=None, extend_select=("DL3057",))
            if f.rule_id == "DL3057"] == ["DL3057"]


def test_healthcheck_in_final_stage_or_parent_passes() -> None:
    assert spans("FROM alpine:3.20\nHEALTHCHECK CMD [\"/app\", \"ping\"]\n", "DL3057") == []
    text = "FROM alpine:3.20 AS base\nHEALTHCHECK CMD [\"/app\", \"ping\"]\nFROM base\n"
    assert spans(text, "DL3057") == []


def test_healthcheck_none_is_a_choice() -> None:
    assert spans("FROM alpine:3.20\nHEALTHCHECK NONE\n", "DL3057") == []


def test_builder_stages_need_none() -> None:
    # hadolint reports every stage without a HEALTHCHECK
    text = ("FROM golang:1.22 AS build\nFROM alpine:3.20\nCOPY --from=build /a /a\n"
            "HEALTHCHECK CMD [\"/a\"]\n")
    assert spans(text, "DL3057") == []


def test_healthcheck_of_a_stage_copied_from_does_not_count() -> None:
    text = "FROM alpine:3.20 AS a\nHEALTHCHECK CMD [\"x\"]\nFROM alpine:3.20\nCOPY --from=a /x /x\n"
    assert spans(text, "DL3057") == [(3, 1, 3, 17)]


def test_parent_onbuild_healthcheck_counts_own_does_not() -> None:
    text = "FROM alpine:3.20 AS base\nONBUILD HEALTHCHECK CMD [\"x\"]\nFROM base\n"
    assert spans(text, "DL3057") == []
    assert spans("FROM alpine:3.20\nONBUILD HEALTHCHECK CMD [\"x\"]\n", "DL3057") == \
        [(1, 1, 1, 17)]
