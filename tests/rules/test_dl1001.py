"""DL1001 inline-ignore-pragma: ignore pragmas in comments (off by default)."""

from __future__ import annotations

from conftest import lint, spans

TEXT = ("# hadolint global ignore=DL3006\nFROM alpine\n# dockwise ignore=DL3019\n"
        "RUN apk add curl\n  # hadolint ignore=DL3018,DL3019 # because\nRUN apk add git\n"
        "# just a comment\n# check=skip=all\n")


def test_every_pragma_is_reported_on_its_comment() -> None:
    assert spans(TEXT, "DL1001") == [(1, 1, 1, 32), (3, 1, 3, 25), (5, 3, 5, 44)]


def test_message_names_the_pragma() -> None:
    messages = [f.message for f in lint(TEXT) if f.rule_id == "DL1001"]
    assert messages[0].startswith("inline 'hadolint global ignore=DL3006' pragma")
    assert messages[2].startswith("inline 'hadolint ignore=DL3018,DL3019' pragma")


def test_off_by_default() -> None:
    assert [f for f in lint(TEXT, select=None) if f.rule_id == "DL1001"] == []
    assert len([f for f in lint(TEXT, select=None, extend_select=("DL1001",))
                if f.rule_id == "DL1001"]) == 3


def test_pragmas_still_apply() -> None:
    assert spans(TEXT, "DL3019") == []


def test_text_after_a_second_hash_is_a_comment_not_ids() -> None:
    # hadolint: "Comments are allowed after the ignore=..., you need an extra #"
    text = "FROM alpine:3.20\n# hadolint ignore=DL3019 # we want the index\nRUN apk add curl\n"
    assert spans(text, "DW901") == []
    assert spans(text, "DL3019") == []
