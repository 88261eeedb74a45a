"""History entries -> layers -> Dockerfile instructions, with the ``created_by`` texts recorded
from real builds (Docker Engine 20.10: the legacy builder and BuildKit), and the byte costs
attached to findings."""

from __future__ import annotations

import io

import pytest

from dockwise.image.attribution import (
    BASE,
    INSTRUCTION,
    ONBUILD,
    UNKNOWN,
    align,
    attribute,
    cache_cost,
    copy_destination,
    dockerignore_cost,
    layer_history,
    parse_created_by,
)
from dockwise.image.layers import index_layer
from dockwise.image.tarstream import Source
from dockwise.model import Model
from dockwise.syntax.parser import parse

from .kit import layer_tar

DOCKERFILE = """\
ARG BASE=dwtest/busybox:1
FROM ${BASE} AS one
ARG X=1
ENV E=2 F=3
LABEL a=b
WORKDIR /w
USER root
EXPOSE 8080
VOLUME /v
SHELL ["/bin/sh", "-c"]
RUN echo $X > /x
RUN ["/bin/busybox", "touch", "/y"]
COPY a.txt /a.txt
ADD a.txt /b.txt
COPY --chown=0:0 . /ctx/
STOPSIGNAL SIGTERM
HEALTHCHECK CMD true
ONBUILD RUN true
CMD ["sh"]
ENTRYPOINT ["/bin/sh", "-c"]
MAINTAINER me

FROM one AS two
RUN echo heredoc > /h
COPY --from=one /x /x2
FROM two
"""
NOP = "/bin/sh -c #(nop) "
# ``docker history --no-trunc`` of the final image, oldest first: (created_by, makes a layer)
LEGACY = [
    ("", True),
    (NOP + " ARG X=1", False), (NOP + " ENV E=2 F=3", False), (NOP + " LABEL a=b", False),
    (NOP + "WORKDIR /w", False), (NOP + " USER root", False), (NOP + " EXPOSE 8080", False),
    (NOP + " VOLUME [/v]", False), (NOP + " SHELL [/bin/sh -c]", False),
    ("|1 X=9 /bin/sh -c echo $X > /x", True), ("|1 X=9 /bin/busybox touch /y", True),
    (NOP + "COPY file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda in "
     "/a.txt ", True),
    (NOP + "ADD file:00ec16333078d287782d462baefc8bb9eb0231dc3aefba3ca3e2f7e5cf0cadda in "
     "/b.txt ", True),
    (NOP + "COPY --chown=0:0dir:658b7bb5423f8191963fccbeac228034e110a712c5404d29bb9c24ad679c8f19"
     " in /ctx/ ", True),
    (NOP + " STOPSIGNAL SIGTERM", False),
    (NOP + " HEALTHCHECK &{[\"CMD-SHELL\" \"true\"] \"0s\" \"0s\" \"0s\" '\\x00'}", False),
    (NOP + " ONBUILD RUN true", False), (NOP + ' CMD ["sh"]', False),
    (NOP + ' ENTRYPOINT ["/bin/sh" "-c"]', False), (NOP + " MAINTAINER me", False),
    ("/bin/sh -c true", True),  # stage one's ONBUILD trigger, run by FROM one
    ("/bin/sh -c echo heredoc > /h", True),
    (NOP + "COPY file:26ec301e6bbfc7cd9ac5663eb6599e46d5af8814ae0e05f318a3add9c99512f0 in /x2 ",
     True),
]
BK = " # buildkit"
BUILDKIT = [
    ("", True),
    ("ARG X=1", False), ("ENV E=2 F=3", False), ("LABEL a=b", False), ("WORKDIR /w", False),
    ("USER root", False), ("EXPOSE map[8080/tcp:{}]", False), ("VOLUME [/v]", False),
    ("SHELL [/bin/sh -c]", False), ("RUN |1 X=9 /bin/sh -c echo $X > /x" + BK, True),
    ("RUN |1 X=9 /bin/busybox touch /y" + BK, True), ("COPY a.txt /a.txt" + BK, True),
    ("ADD a.txt /b.txt" + BK, True), ("COPY . /ctx/" + BK, True), ("STOPSIGNAL SIGTERM", False),
    ("HEALTHCHECK &{[\"CMD-SHELL\" \"true\"] \"0s\" \"0s\" \"0s\" '\\x00'}", False),
    ('CMD ["sh"]', False), ('ENTRYPOINT ["/bin/sh" "-c"]', False), ("MAINTAINER me", False),
    ("RUN /bin/sh -c true" + BK, True),  # BuildKit records no entry for ONBUILD itself
    ("RUN /bin/sh -c echo heredoc > /h" + BK, True), ("COPY /x /x2" + BK, True),
]


def history(entries: list[tuple[str, bool]], buildkit: bool) -> list[dict]:
    out = []
    for created, layer in entries:
        item: dict = {"created_by": created} if created else {"comment": "Imported from -"}
        if created and buildkit:
            item["comment"] = "buildkit.dockerfile.v0"
        if not layer:
            item["empty_layer"] = True
        out.append(item)
    return out


MODEL = Model(parse(DOCKERFILE, "Dockerfile"), build_args={"X": "9"})


@pytest.mark.parametrize("entries,buildkit", [(LEGACY, False), (BUILDKIT, True)],
                         ids=["legacy", "buildkit"])
def test_every_layer_of_a_three_stage_build_finds_its_line(entries: list, buildkit: bool) -> None:
    hist = history(entries, buildkit)
    final = MODEL.stages[2]
    steps = attribute(hist, 9, MODEL, final)
    assert [s.line for s in steps] == [None, 11, 12, 13, 14, 15, None, 24, 25]
    assert [s.origin for s in steps] == [BASE] + [INSTRUCTION] * 5 + [UNKNOWN] + \
        [INSTRUCTION] * 2
    assert [s.stage for s in steps][1:3] == ["one", "one"]
    assert steps[7].stage == "two" and steps[7].instruction == "RUN echo heredoc > /h"


@pytest.mark.parametrize("entries,buildkit,parent_len", [(LEGACY, False, 20),
                                                         (BUILDKIT, True, 19)],
                         ids=["legacy", "buildkit"])
def test_known_base_marks_onbuild_triggers(entries: list, buildkit: bool,
                                           parent_len: int) -> None:
    hist = history(entries, buildkit)
    parent = attribute(hist[:parent_len], 6, MODEL, MODEL.stages[0], base_entries=1)
    assert [s.line for s in parent] == [None, 11, 12, 13, 14, 15]
    steps = attribute(hist, 9, MODEL, MODEL.stages[1], base_entries=parent_len,
                      inherited=parent)
    assert [s.origin for s in steps] == [BASE] + [INSTRUCTION] * 5 + [ONBUILD] + \
        [INSTRUCTION] * 2
    assert steps[1] is parent[1]
    assert [s.line for s in steps[6:]] == [None, 24, 25]


@pytest.mark.parametrize(("created", "comment", "expected"), [
    ("/bin/sh -c #(nop)  ENV A=b", "", ("ENV", "A=b")),
    ("/bin/bash -o pipefail -c #(nop) WORKDIR /src", "", ("WORKDIR", "/src")),
    ("/bin/sh -c #(nop) COPY file:abc in /a ", "", ("COPY", "file:abc in /a")),
    ("|2 A=1 B=2 /bin/sh -c make", "", ("RUN", "|2 A=1 B=2 /bin/sh -c make")),
    ("RUN /bin/sh -c make # buildkit", "buildkit.dockerfile.v0", ("RUN", "/bin/sh -c make")),
    ("COPY . . # buildkit", "buildkit.dockerfile.v0", ("COPY", ". .")),
    ("ENV PATH=/go/bin:$PATH", "buildkit.dockerfile.v0", ("ENV", "PATH=/go/bin:$PATH")),
    ("", "Imported from -", (None, "")),
    ("COPY dir:abc /app", "", ("COPY", "dir:abc /app")),
])
def test_parse_created_by(created: str, comment: str, expected: tuple) -> None:
    assert parse_created_by(created, comment) == expected


def test_align_prefers_text_matches_and_the_end() -> None:
    model = Model(parse("FROM x\nRUN a\nRUN b\n"))
    instrs = list(model.stages[0].instructions)
    entries = [("RUN", "/bin/sh -c b"), ("RUN", "/bin/sh -c a"), ("RUN", "/bin/sh -c b")]
    assert align(instrs, entries) == [None, 0, 1]
    assert align(instrs, [("RUN", "x"), ("RUN", "y"), ("RUN", "z")]) == [None, 0, 1]
    assert align([], entries) == [None, None, None]


def test_layer_history_pairs_non_empty_entries_in_order() -> None:
    hist = [{"created_by": "a"}, {"empty_layer": True}, {"created_by": "b"}]
    assert layer_history(hist, 3) == [0, 2, None]


def test_without_a_dockerfile_nothing_is_attributed() -> None:
    steps = attribute(history(LEGACY, False), 9, None, None)
    assert {s.origin for s in steps} == {UNKNOWN}
    assert steps[0].created_by == "(Imported from -)"


def _layer(files: dict):  # type: ignore[no-untyped-def]
    return index_layer(Source(io.BytesIO(layer_tar(files))))


def test_package_cache_cost() -> None:
    layer = _layer({"var/cache/apk/APKINDEX.a.tar.gz": 1_500_000,
                    "var/cache/apk/APKINDEX.b.tar.gz": 500_000, "usr/bin/curl": 200_000})
    cost = cache_cost("DL3019", layer, 3)
    assert cost is not None and (cost.kind, cost.bytes, cost.layer) == ("package-cache",
                                                                        2_000_000, 3)
    assert cost.paths == (("/var/cache/apk", 2_000_000),)
    assert cache_cost("DL3007", layer, 3) is None


def test_dockerignore_cost_relative_to_the_copy_destination() -> None:
    model = Model(parse("FROM x\nWORKDIR /src\nCOPY . .\nCOPY . /app/\nCOPY . sub/../other\n"))
    copies = model.stages[0].instructions[1:]
    assert [copy_destination(model, c) for c in copies] == ["src", "app", "src/other"]
    layer = _layer({"src/.git/objects/pack": 300_000, "src/.git/HEAD": 20, "src/main.go": 50,
                    "src/tmp/cache.bin": 1000, "src/pkg/.DS_Store": 6, "elsewhere/.git/x": 9})
    cost = dockerignore_cost(layer, 2, "src")
    assert cost.bytes == 300_000 + 20 + 1000 + 6
    assert cost.paths == (("/src/.git", 300_020), ("/src/tmp", 1000), ("/src/pkg", 6))
