"""DL3067 copy-stage-root: ``COPY --from=... / /`` copies a whole operating system."""

from __future__ import annotations

import pytest
from conftest import lint, spans

STAGES = ("FROM golang:1.22 AS build\nRUN go build -o /out/app .\n"
          "FROM scratch AS artifacts\nCOPY --from=build /out/app /app\n"
          "FROM build AS child\nFROM tonistiigi/xx:1.4 AS xx\nFROM alpine:3.20\n")


def test_whole_stage_root_reported_on_the_source() -> None:
    found = [f for f in lint(STAGES + "COPY --from=build / /\n") if f.rule_id == "DL3067"]
    assert [(f.line, f.column, f.end_column) for f in found] == [(8, 19, 20)]
    assert "whole filesystem" in found[0].message


@pytest.mark.parametrize(("src", "dest"), [("/", "/"), ("/.", "/"), ("//", "/"), ("/*", "/"),
                                           ('"/"', '"/"'), ("/", "/."), ("/", "//")])
def test_spellings_of_root(src: str, dest: str) -> None:
    assert len(spans(STAGES + f"COPY --from=child {src} {dest}\n", "DL3067")) == 1


@pytest.mark.parametrize("line", ["COPY --from=build /out/app /app", "COPY --from=build / /opt/",
                                  "COPY --from=build /usr /", "COPY . /", "COPY / /",
                                  "COPY --from=artifacts / /", "COPY --from=xx / /",
                                  "COPY --link --from=docker.io/tonistiigi/xx:1.4 / /"])
def test_paths_scratch_stages_and_helper_images_pass(line: str) -> None:
    assert spans(STAGES + line + "\n", "DL3067") == []


def test_external_image_and_exec_form() -> None:
    text = STAGES + 'COPY --from=busybox:1.36 / /\nCOPY --from=build ["/", "/"]\n'
    assert spans(text, "DL3067") == [(8, 26, 8, 27), (9, 20, 9, 23)]


def test_values_from_args_and_unknown_sources() -> None:
    text = (STAGES + "ARG ROOT=/\nARG SRC=build\nARG ANY\nCOPY --from=build $ROOT $ROOT\n"
            "COPY --from=$SRC / /\nCOPY --from=$ANY / /\nCOPY --from=build $ANY /\n")
    assert spans(text, "DL3067") == [(11, 19, 11, 24), (12, 18, 12, 19)]


def test_stage_on_an_unknown_base_is_not_judged() -> None:
    text = ("FROM scratch AS bin-linux\nFROM bin-${TARGETOS} AS bin\n"
            "FROM alpine:3.20\nCOPY --from=bin / /\n")
    assert spans(text, "DL3067") == []
