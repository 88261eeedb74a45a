"""The build model: stages, bases, the final image, states at each instruction."""

from __future__ import annotations

from pathlib import Path

import pytest

from dockwise.model import BuildContext, ImageRef, Model
from dockwise.syntax import nodes as n
from dockwise.syntax import parse


def model(text: str, **kwargs: object) -> Model:
    return Model(parse(text), **kwargs)  # type: ignore[arg-type]


@pytest.mark.parametrize(("ref", "parts"), [
    ("golang", (None, "golang", None, None)),
    ("golang:1.22-alpine", (None, "golang", "1.22-alpine", None)),
    ("docker.io/library/golang:1.22", ("docker.io", "library/golang", "1.22", None)),
    ("localhost:5000/app", ("localhost:5000", "app", None, None)),
    ("$REGISTRY:5000/app:1", ("$REGISTRY:5000", "app", "1", None)),
    ("gcr.io/distroless/static-debian12:nonroot",
     ("gcr.io", "distroless/static-debian12", "nonroot", None)),
    ("alpine@sha256:abc", (None, "alpine", None, "sha256:abc")),
    ("alpine:3.20@sha256:abc", (None, "alpine", "3.20", "sha256:abc")),
    ("my/app", (None, "my/app", None, None)),
])
def test_image_reference_parts(ref: str, parts: tuple[object, ...]) -> None:
    img = ImageRef.parse(ref)
    assert (img.registry, img.repository, img.tag, img.digest) == parts


@pytest.mark.parametrize(("ref", "minimal", "shell", "static", "nonroot", "glibc"), [
    ("scratch", True, False, True, False, False),
    ("alpine:3.20", True, True, False, False, False),
    ("golang:1.22", False, True, False, False, True),
    ("golang:1.22-alpine", True, True, False, False, False),
    ("gcr.io/distroless/static-debian12:nonroot", True, False, True, True, False),
    ("gcr.io/distroless/base:debug", True, True, False, False, True),
    ("cgr.dev/chainguard/static", True, False, True, True, False),
    ("debian:12-slim", True, True, False, False, True),
    ("ubuntu:24.04", False, True, False, False, True),
])
def test_image_classification(ref: str, minimal: bool, shell: bool, static: bool,
                              nonroot: bool, glibc: bool) -> None:
    img = ImageRef.parse(ref)
    assert (img.is_minimal, img.has_shell, img.is_static, img.defaults_to_nonroot,
            img.is_glibc) == (minimal, shell, static, nonroot, glibc)


def test_stages_bases_and_final() -> None:
    m = model("ARG GO=1.22\nFROM golang:${GO} AS build\nFROM build AS test\n"
              "FROM alpine:3.20\nCOPY --from=build /app /app\n")
    build, test, final = m.stages
    assert (build.name, build.base and build.base.text) == ("build", "golang:1.22")
    assert test.parent is build and test.base is None and test.root_base is build.base
    assert final.is_final and m.final_stage is final
    assert [s.reaches_final for s in m.stages] == [True, False, True]
    assert final.depends_on == (0,)


def test_target_changes_the_final_stage() -> None:
    m = model("FROM alpine:3.20 AS a\nFROM a AS b\nFROM scratch AS c\n", target="B")
    assert [s.is_final for s in m.stages] == [False, True, False]
    assert [s.reaches_final for s in m.stages] == [True, True, False]


def test_copy_from_index_external_image_and_mount_from() -> None:
    m = model("FROM alpine:3.20 AS a\nFROM alpine:3.20\nCOPY --from=0 /x /x\n"
              "COPY --from=busybox:1.36 /bin/busybox /bin/\n"
              "RUN --mount=type=bind,from=a,target=/a true\n")
    copies = [i for i in m.dockerfile.instructions if isinstance(i, n.Copy)]
    assert m.copy_source(copies[0]) is m.stages[0]  # type: ignore[arg-type]
    ext = m.copy_source(copies[1])  # type: ignore[arg-type]
    assert isinstance(ext, ImageRef) and ext.tag == "1.36"
    assert m.stages[0].reaches_final


def test_global_args_visible_in_from_only_unless_redeclared() -> None:
    m = model("ARG V=1\nARG BASE=alpine\nFROM ${BASE}:3.$V\nRUN echo $V\nARG V\nRUN echo $V\n")
    stage = m.stages[0]
    assert stage.base is not None and stage.base.text == "alpine:3.1"
    run1, _arg, run2 = stage.instructions
    assert m.expand("$V", run1).text == "$V"  # undeclared in the stage: unknown (base env)
    assert m.expand("$V", run2).text == "1"


def test_arg_without_default_is_unknown_and_build_args_make_it_known() -> None:
    text = "ARG TAG\nFROM alpine:$TAG\n"
    assert not model(text).stages[0].base.known  # type: ignore[union-attr]
    known = model(text, build_args={"TAG": "3.20"}).stages[0].base
    assert known is not None and known.text == "alpine:3.20" and known.known


def test_env_wins_over_arg_and_is_inherited_by_child_stages() -> None:
    m = model("FROM alpine:3.20 AS base\nENV MODE=prod\nARG MODE=dev\nARG KEEP=1\n"
              "FROM base\nRUN x\n")
    run = m.stages[1].instructions[0]
    state = m.state(run)
    assert state.env_value("MODE") == "prod"
    assert state.env_value("KEEP") == "1"


def test_user_workdir_shell_states() -> None:
    m = model('FROM alpine:3.20 AS a\nWORKDIR /app\nWORKDIR src\nUSER app\n'
              'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nFROM a\nRUN x\n')
    run = m.stages[1].instructions[0]
    state = m.state(run)
    assert (state.workdir, state.user, state.shell) == (
        "/app/src", "app", ("/bin/bash", "-o", "pipefail", "-c"))
    assert state.shell_name == "bash" and state.is_posix_shell
    first = m.stages[0].instructions[0]
    assert m.state(first).workdir is None and m.state(first).user is None


def test_windows_base_defaults_to_cmd() -> None:
    m = model("FROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir\n")
    assert m.state(m.stages[0].instructions[0]).shell == ("cmd", "/S", "/C")


def test_scratch_stage_knows_its_environment() -> None:
    m = model("FROM scratch\nCOPY a /a\n")
    assert m.state(m.stages[0].instructions[0]).base_env_unknown is False


def test_mounts_and_cache_targets() -> None:
    m = model("FROM a\nRUN --mount=type=cache,dst=/root/.cache/go-build "
              "--mount=source=x,target=/y true\n")
    run = m.stages[0].instructions[0]
    assert isinstance(run, n.Run)
    assert m.mounts(run) == [{"type": "cache", "target": "/root/.cache/go-build"},
                             {"source": "x", "target": "/y", "type": "bind"}]
    assert m.cache_mount_targets(run) == ["/root/.cache/go-build"]


def test_build_context_dockerignore(tmp_path: Path) -> None:
    (tmp_path / ".dockerignore").write_text("# comment\n.git\n*.md\n!README.md\n")
    ctx = BuildContext(tmp_path, tmp_path / "Dockerfile")
    assert ctx.dockerignore_patterns == (".git", "*.md", "!README.md")
    assert ctx.is_ignored(".git") and ctx.is_ignored("NOTES.md")
    assert not ctx.is_ignored("README.md") and not ctx.is_ignored("main.go")
    (tmp_path / "Dockerfile.dockerignore").write_text("*\n")
    assert BuildContext(tmp_path, tmp_path / "Dockerfile").dockerignore_patterns == ("*",)


def test_whole_context_copy_detection() -> None:
    m = model("FROM a\nCOPY . .\nCOPY ./ /src\nCOPY --from=b . .\nCOPY go.mod ./\nADD . /x\n")
    found = [m.context_copy_source(i) is not None for i in m.stages[0].instructions]
    assert found == [True, True, False, False, True]


def test_a_doubling_env_chain_stops_at_the_expansion_limit() -> None:
    from dockwise.model import Model
    from dockwise.syntax.parser import parse

    lines = ["FROM scratch", "ENV a0=xxxxxxxx"]
    lines += [f"ENV a{i}=${{a{i - 1}}}${{a{i - 1}}}" for i in range(1, 41)]
    model = Model(parse("\n".join(lines) + "\n"))
    env = model.state(model.dockerfile.instructions[-1]).variables
    assert env["a13"].value == "x" * 65_536  # 8 * 2**13
    assert env["a14"].value is None and env["a39"].value is None  # unknown, not 4 TB
