"""The model's image references, ``--from`` references and labels.

These are the build facts the base-image, stage and label rules read: how an image reference
splits (Docker's reference grammar, with unexpanded variables kept whole), what a ``--from``
names, and which labels an image carries.
"""

from __future__ import annotations

import pytest

from dockwise.model import ImageRef, Model, Stage
from dockwise.syntax.parser import parse


def model(text: str) -> Model:
    return Model(parse(text))


@pytest.mark.parametrize(("text", "registry", "repository", "tag", "digest"), [
    ("alpine", None, "alpine", None, None),
    ("alpine:3.20", None, "alpine", "3.20", None),
    ("library/alpine:3", None, "library/alpine", "3", None),
    ("docker.io/library/alpine", "docker.io", "library/alpine", None, None),
    ("localhost/app:1", "localhost", "app", "1", None),
    ("localhost:5000/a/b:1@sha256:00", "localhost:5000", "a/b", "1", "sha256:00"),
    ("gcr.io/distroless/static:nonroot", "gcr.io", "distroless/static", "nonroot", None),
    ("Registry/app", "Registry", "app", None, None),  # upper case: a host, as in Docker
    ("myorg/app", None, "myorg/app", None, None),
    ("$REGISTRY:5000/app:1", "$REGISTRY:5000", "app", "1", None),
    ("${REGISTRY}/app", "${REGISTRY}", "app", None, None),
    ("${IMAGE}:1", None, "${IMAGE}", "1", None),
    ("${IMAGE:-alpine}", None, "${IMAGE:-alpine}", None, None),
    ("${IMAGE:-gcr.io/x/y:1}", None, "${IMAGE:-gcr.io/x/y:1}", None, None),
    ("${R:-a.io}/${N:-x}:${T}@sha256:1", "${R:-a.io}", "${N:-x}", "${T}", "sha256:1"),
])
def test_image_ref_parse(text: str, registry: str | None, repository: str, tag: str | None,
                         digest: str | None) -> None:
    ref = ImageRef.parse(text)
    assert (ref.registry, ref.repository, ref.tag, ref.digest) == \
        (registry, repository, tag, digest)


def test_from_registry_with_port_from_unknown_arg_keeps_its_tag() -> None:
    m = model("ARG REGISTRY\nFROM $REGISTRY:5000/app:1\n")
    base = m.stages[0].base
    assert base is not None
    assert (base.known, base.registry, base.repository, base.tag) == \
        (False, "$REGISTRY:5000", "app", "1")


def test_image_source_stage_image_context_and_unknown() -> None:
    m = model("FROM alpine:3.20 AS build\nFROM alpine:3.20\nARG X\n"
              "COPY --from=build /a /a\nCOPY --from=busybox:1.36 /b /b\n"
              "COPY --from=context /c /c\nCOPY --from=$X /d /d\nCOPY --from=0 /e /e\n")
    copies = [i for i in m.dockerfile.instructions if i.name == "COPY"]
    sources = [m.copy_source(c) for c in copies]  # type: ignore[arg-type]
    assert isinstance(sources[0], Stage) and sources[0].name == "build"
    assert isinstance(sources[1], ImageRef) and sources[1].tag == "1.36"
    assert sources[2] is None  # BuildKit's build context
    assert sources[3] is None  # unknown
    assert isinstance(sources[4], Stage) and sources[4].index == 0


def test_image_source_context_names_a_stage_when_one_is_called_so() -> None:
    m = model("FROM alpine:3.20 AS context\nFROM alpine:3.20\nCOPY --from=context /a /a\n")
    copy = m.dockerfile.instructions[2]
    assert m.copy_source(copy) is m.stages[0]  # type: ignore[arg-type]


def test_from_references_copy_and_mounts_with_value_spans() -> None:
    m = model("FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=a /x /x\n"
              "RUN --mount=type=cache,from=a,target=/c --mount=from=busybox:1,target=/b true\n"
              'RUN --mount="type=bind,from=a" true\nRUN --mount=type=tmpfs,target=/t true\n')
    refs = [(i.name, value, (s.start_line, s.start_column, s.end_line, s.end_column))
            for i, value, s in m.from_references()]
    assert refs == [
        ("COPY", "a", (3, 13, 3, 14)),
        ("RUN", "a", (4, 29, 4, 30)),
        ("RUN", "busybox:1", (4, 54, 4, 63)),
        ("RUN", "a", (5, 5, 5, 31)),  # quoted: the whole flag
    ]


def test_expand_in_onbuild_trigger_is_unknown() -> None:
    m = model("FROM alpine:3.20\nENV V=1\nONBUILD LABEL v=$V\n")
    trigger = m.dockerfile.instructions[2].trigger  # type: ignore[attr-defined]
    exp = m.expand("$V", trigger)
    assert (exp.text, exp.known) == ("$V", False)


def test_labels_are_expanded_with_quotes_removed() -> None:
    m = model('ARG V=1.2.3\nFROM alpine:3.20\nARG V\nLABEL "a.b"="${V}" c=\'$V\' d=""\n'
              "ARG U\nLABEL e=$U ${U}=x\nONBUILD LABEL f=1\nLABEL legacy value with spaces\n")
    got = [(lp.key, lp.value, lp.known, lp.key_known, lp.instruction.onbuild)
           for lp in m.labels()]
    assert got == [
        ("a.b", "1.2.3", True, True, False),
        ("c", "$V", True, True, False),  # single quotes: no expansion
        ("d", "", True, True, False),
        ("e", "$U", False, True, False),
        ("${U}", "x", False, False, False),  # unknown: kept as written
        ("f", "1", True, True, True),
        ("legacy", "value with spaces", True, True, False),
    ]


def test_image_labels_inherit_through_from_and_parent_onbuild() -> None:
    m = model("FROM alpine:3.20 AS base\nLABEL a=1 b=1\nONBUILD LABEL c=1\n"
              "FROM base AS mid\nLABEL a=2\nONBUILD LABEL d=1\n"
              "FROM mid\nLABEL e=1\n"
              "FROM alpine:3.20 AS other\nLABEL z=1\n")
    final_image = m.image_labels(m.stages[2])
    assert {k: lp.value for k, lp in final_image.items()} == \
        {"a": "2", "b": "1", "c": "1", "d": "1", "e": "1"}
    # a stage's own ONBUILD triggers do not apply to its own image
    assert set(m.image_labels(m.stages[0])) == {"a", "b"}
    # grandchildren do not inherit triggers: c reaches mid only
    assert set(m.image_labels(m.stages[1])) == {"a", "b", "c"}
    assert set(m.image_labels(m.stages[3])) == {"z"}


def test_image_instructions_in_build_order() -> None:
    m = model("FROM alpine:3.20 AS base\nRUN a\nONBUILD RUN b\nFROM base AS mid\nRUN c\n"
              "ONBUILD RUN d\nFROM mid\nRUN e\nONBUILD RUN f\nFROM alpine:3.20\nRUN z\n")
    lines = [(i.name, i.line) for i in m.image_instructions(m.stages[2])]
    assert lines == [("RUN", 2), ("ONBUILD", 3), ("RUN", 3), ("RUN", 5), ("ONBUILD", 6),
                     ("RUN", 6), ("RUN", 8), ("ONBUILD", 9)]
    assert [i.line for i in m.image_instructions(m.stages[3])] == [11]
