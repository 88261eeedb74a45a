"""DL3000 workdir-relative: a relative WORKDIR, judged after ARG/ENV expansion."""

from __future__ import annotations

import pytest
from conftest import lint, spans


def test_relative_workdir_on_the_path() -> None:
    assert spans("FROM alpine:3.20\nWORKDIR app\n", "DL3000") == [(2, 9, 2, 12)]


@pytest.mark.parametrize("path", ["/app", '"/app"', "'/app'", "/", "C:\\\\app", "c:/app", "C:",
                                  "\\\\server\\\\share"])
def test_absolute_paths_pass(path: str) -> None:
    assert spans(f"FROM alpine:3.20\nWORKDIR {path}\n", "DL3000") == []


@pytest.mark.parametrize("path", ["app", "./app", "../app", '"src"', "~/x", "app/"])
def test_relative_forms_are_reported(path: str) -> None:
    assert spans(f"FROM alpine:3.20\nWORKDIR {path}\n", "DL3000") == [(2, 9, 2, 9 + len(path))]


def test_paths_from_variables_are_expanded() -> None:
    text = ("FROM alpine:3.20\nARG REL=build\nARG ABS=/srv\nENV HOME_DIR=/home/app\n"
            "WORKDIR $REL\nWORKDIR ${ABS}/x\nWORKDIR $HOME_DIR\n")
    assert spans(text, "DL3000") == [(5, 9, 5, 13)]


def test_unknown_variables_are_not_judged() -> None:
    text = "FROM alpine:3.20\nARG DIR\nWORKDIR $DIR\nWORKDIR ${HOME}/app\n"
    assert spans(text, "DL3000") == []


def test_fix_is_the_resolved_absolute_path() -> None:
    text = "FROM alpine:3.20\nWORKDIR /srv\nWORKDIR app\nWORKDIR ../lib\n"
    found = [f for f in lint(text) if f.rule_id == "DL3000"]
    assert [(f.line, f.fix) for f in found] == [(3, "WORKDIR /srv/app"), (4, "WORKDIR /srv/lib")]
    assert "resolves to /srv/app" in found[0].message


def test_relative_to_the_base_image_directory() -> None:
    found = [f for f in lint("FROM alpine:3.20\nWORKDIR ./app\n") if f.rule_id == "DL3000"]
    assert [(f.fix, "base image" in f.message) for f in found] == [("WORKDIR /app", True)]


def test_workdir_inherited_from_parent_stage_resolves_the_fix() -> None:
    text = "FROM alpine:3.20 AS base\nWORKDIR /opt\nFROM base\nWORKDIR tool\n"
    assert [f.fix for f in lint(text) if f.rule_id == "DL3000"] == ["WORKDIR /opt/tool"]


def test_buildkit_name_selects_the_rule() -> None:
    text = "FROM alpine:3.20\nWORKDIR app\n"
    assert [f.rule_id for f in lint(text, select=("WorkdirRelativePath",))] == ["DL3000"]
