"""``dockwise size`` against a real Docker engine (the private one from conftest.py).

Every figure is checked against an independent value: stage sizes against ``docker image
inspect``, layer sizes against the engine's history, waste against what the Dockerfile was
written to waste, dive's figures against ``dive``, and the same image read live, from a
``docker save`` file and from OCI layouts (skopeo) giving identical results. Cleanup is
checked by listing every image (intermediate ones too) before and after.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from conftest import tool

from dockwise.image.engine import buildkit_command
from dockwise.image.sizing import (
    SizeReport,
    StageSize,
    measure_archive,
    measure_build,
    measure_image,
)

from .conftest import DockerEngine, image_ids

pytestmark = pytest.mark.docker
MB5 = 5_000_000

WASTE_DOCKERFILE = """\
FROM dwtest/busybox:1 AS build
WORKDIR /src
RUN head -c 5000000 /dev/zero > big && head -c 1000000 /dev/zero > gone && \\
    mkdir -p d/e && head -c 2000 /dev/zero > d/e/f && head -c 3000 /dev/zero > d/g
RUN head -c 5000000 /dev/zero > big
RUN rm gone && rm -rf d
RUN apk() { mkdir -p /var/cache/apk && head -c 300000 /dev/zero > /var/cache/apk/APKINDEX; } \\
    && apk add curl
COPY . /src/

FROM dwtest/busybox:1
RUN echo unnamed > /unnamed.txt

FROM dwtest/busybox:1 AS unused
RUN echo unused > /unused.txt

FROM dwtest/busybox:1 AS runtime
COPY --from=build /src/big /big
COPY --from=1 /unnamed.txt /unnamed.txt
RUN rm /big && head -c 100 /dev/zero > /small
RUN apk() { mkdir -p /var/cache/apk && head -c 200000 /dev/zero > /var/cache/apk/APKINDEX; } \
    && apk add curl
"""


def make_context(root: Path, dockerfile: str, git_bytes: int = 40_000) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "Dockerfile").write_text(dockerfile)
    (root / "app.txt").write_text("hello\n")
    if git_bytes:
        (root / ".git" / "objects").mkdir(parents=True)
        (root / ".git" / "objects" / "pack").write_bytes(b"\0" * git_bytes)
    return root


@pytest.fixture(scope="session")
def waste_build(docker_engine: DockerEngine, tmp_path_factory: pytest.TempPathFactory
                ) -> tuple[SizeReport, Path]:
    """The waste Dockerfile built once, images kept for the comparisons below."""
    ctx = make_context(tmp_path_factory.mktemp("waste"), WASTE_DOCKERFILE)
    report = measure_build(ctx / "Dockerfile", ctx, network="none", keep_images=True)
    return report, ctx


def stage(report: SizeReport, label: str) -> StageSize:
    return next(s for s in report.stages if s.label == label)


def test_builds_the_stages_that_reach_the_final_image(waste_build: Any) -> None:
    report, _ = waste_build
    assert [s.label for s in report.stages] == ["build", "1", "runtime"]
    assert report.final.label == "runtime" and report.final.is_final
    assert [s.base for s in report.stages] == ["dwtest/busybox:1"] * 3
    assert len(report.kept_images) == 3
    assert all(t.startswith("dockwise-size/") for t in report.kept_images)


def test_stage_sizes_match_docker_image_inspect(waste_build: Any,
                                                docker_engine: DockerEngine) -> None:
    report, _ = waste_build
    base = docker_engine.client.api.inspect_image(docker_engine.base)["Size"]
    for s in report.stages:
        inspected = docker_engine.client.api.inspect_image(s.image_id)["Size"]
        assert s.size == inspected == s.engine_size, s.label
        assert s.base_size == base
        assert s.added_size == s.size - base
        assert s.diff_to_final == s.size - report.final.size


def test_layer_sizes_match_the_engines_history(waste_build: Any,
                                               docker_engine: DockerEngine) -> None:
    report, _ = waste_build
    for s in report.stages:
        history = list(reversed(docker_engine.client.api.history(s.image_id)))
        engine = [history[step.history]["Size"] for step in s.steps]
        assert [layer.size for layer in s.analysis.layers] == engine, s.label


def test_waste_known_by_construction(waste_build: Any) -> None:
    report, _ = waste_build
    build = stage(report, "build")
    waste = {(w.path, w.kind): w for w in build.analysis.waste}
    assert waste[("/src/big", "overwritten")].bytes == MB5
    assert waste[("/src/gone", "deleted")].bytes == 1_000_000
    deleted_dir = waste[("/src/d", "deleted")]
    assert (deleted_dir.bytes, deleted_dir.files) == (5000, 2)
    assert build.analysis.reclaimable == MB5 + 1_000_000 + 5000
    lines = {i: s.line for i, s in enumerate(build.steps)}
    assert lines[waste[("/src/big", "overwritten")].written_by[0][0]] == 3
    assert lines[waste[("/src/big", "overwritten")].hidden_by] == 5
    assert lines[deleted_dir.hidden_by] == 6
    final = report.final
    assert final.analysis.reclaimable == MB5
    (item,) = final.analysis.waste
    assert (item.path, item.kind) == ("/big", "deleted")
    assert final.steps[item.written_by[0][0]].line == 18
    assert final.steps[item.hidden_by].line == 20


def test_layers_map_to_their_lines(waste_build: Any) -> None:
    report, _ = waste_build
    build = stage(report, "build")
    assert [(s.origin, s.line) for s in build.steps] == [
        ("base", None), ("instruction", 2), ("instruction", 3), ("instruction", 5),
        ("instruction", 6), ("instruction", 7), ("instruction", 9)]
    assert [s.line for s in report.final.steps] == [None, 18, 19, 20, 21]
    assert [s.line for s in stage(report, "1").steps] == [None, 12]


def test_findings_carry_their_bytes(waste_build: Any) -> None:
    report, _ = waste_build
    costed = [(c.finding.rule_id, c.finding.stage, c.bytes, c.in_final_image)
              for c in report.findings if c.cost is not None]
    # the runtime stage's apk cache is in the final image; a builder's cache is costed
    # too when the linter reports it (newer DL3019 leaves builder-only stages alone)
    assert ("DL3019", "runtime", 200_000, True) in costed
    assert set(costed) - {("DL3019", "runtime", 200_000, True)} <= {
        ("DL3019", "build", 300_000, False), ("DW301", "build", 40_000, False)}
    dw301 = next(c for c in report.findings if c.finding.rule_id == "DW301")
    assert dw301.cost is not None and dw301.cost.paths == (("/src/.git", 40_000),)
    assert [c.bytes for c in report.findings if c.bytes is not None] == sorted(
        (c.bytes for c in report.findings if c.bytes is not None), reverse=True)


def _save(docker_engine: DockerEngine, image_id: str, path: Path) -> Path:
    with path.open("wb") as fh:
        for chunk in docker_engine.client.api.get_image(image_id):
            fh.write(chunk)
    return path


def _figures(s: StageSize) -> tuple:
    a = s.analysis
    return (a.size, a.reclaimable, a.waste, a.layers, a.dive,
            [(st.origin, st.line) for st in s.steps])


def test_live_save_file_and_oci_layouts_agree(waste_build: Any, docker_engine: DockerEngine,
                                              tmp_path: Path) -> None:
    report, ctx = waste_build
    final = report.final
    saved = _save(docker_engine, final.image_id, tmp_path / "final.tar")
    from_file = measure_archive(saved, dockerfile=ctx / "Dockerfile", context=ctx)
    assert _figures(from_file.final) == _figures(final)
    live = measure_image(final.image_id, dockerfile=ctx / "Dockerfile", context=ctx)
    assert _figures(live.final) == _figures(final)
    skopeo = shutil.which("skopeo")
    if skopeo is None:
        pytest.skip("skopeo is not installed")
    for fmt in ("gzip", "zstd"):
        oci = tmp_path / f"oci-{fmt}"
        subprocess.run([skopeo, "--insecure-policy", "copy", "--dest-compress-format", fmt,
                        f"docker-archive:{saved}", f"oci:{oci}:final"], check=True,
                       capture_output=True, timeout=300)
        from_oci = measure_archive(oci, dockerfile=ctx / "Dockerfile", context=ctx)
        assert _figures(from_oci.final) == _figures(final), fmt
    oci_tar = tmp_path / "final-oci.tar"
    subprocess.run([skopeo, "--insecure-policy", "copy", f"docker-archive:{saved}",
                    f"oci-archive:{oci_tar}"], check=True, capture_output=True, timeout=300)
    assert _figures(measure_archive(oci_tar, dockerfile=ctx / "Dockerfile",
                                    context=ctx).final) == _figures(final)


@pytest.mark.skipif(tool("dive") is None, reason="dive is not installed")
@pytest.mark.parametrize("label", ["build", "runtime"])
def test_dive_figures_match_dive(waste_build: Any, docker_engine: DockerEngine, tmp_path: Path,
                                 label: str) -> None:
    report, _ = waste_build
    s = stage(report, label)
    saved = _save(docker_engine, s.image_id, tmp_path / "image.tar")
    out = tmp_path / "dive.json"
    subprocess.run([str(tool("dive")), "--ci", "--source", "docker-archive", str(saved), "--json",
                    str(out)], cwd=tmp_path, capture_output=True, timeout=300, check=False)
    theirs = json.loads(out.read_text())["image"]
    d = s.analysis.dive
    assert d.size == theirs["sizeBytes"]
    assert d.wasted_bytes == theirs["inefficientBytes"]
    assert d.efficiency == pytest.approx(theirs["efficiencyScore"], rel=1e-12)
    if label == "build":  # dive counts both copies of big and misses the deleted directory
        assert d.wasted_bytes == 2 * MB5 + 1_000_000


# -- runs of the command line: cleanup, failures ------------------------------------------------


def run_cli(*args: str, cwd: Path, tmpdir: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if tmpdir is not None:
        env["TMPDIR"] = str(tmpdir)
    return subprocess.run([sys.executable, "-m", "dockwise", "size", *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=600, check=False)


SMALL = """\
FROM dwtest/busybox:1 AS build
RUN head -c 1000 /dev/zero > /out
FROM dwtest/busybox:1 AS skipped
RUN echo never needed > /x
FROM dwtest/busybox:1
COPY --from=build /out /out
"""


def test_nothing_is_left_behind(docker_engine: DockerEngine, tmp_path: Path) -> None:
    ctx = make_context(tmp_path / "ctx", SMALL.replace("1000", "1001"), git_bytes=0)
    temp = tmp_path / "temp"
    temp.mkdir()
    before = image_ids(docker_engine.client)
    done = run_cli("--network", "none", "--format", "json", ".", cwd=ctx, tmpdir=temp)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert [s["name"] for s in data["stages"]] == ["build", "2"]
    assert image_ids(docker_engine.client) == before
    assert docker_engine.client.api.containers(all=True) == []
    assert list(temp.iterdir()) == []


def test_all_stages(docker_engine: DockerEngine, tmp_path: Path) -> None:
    ctx = make_context(tmp_path / "ctx", SMALL, git_bytes=0)
    report = measure_build(ctx / "Dockerfile", ctx, network="none", all_stages=True)
    assert [(s.label, s.reaches_final) for s in report.stages] == [
        ("build", True), ("skipped", False), ("2", True)]


def test_images_the_run_did_not_create_survive(docker_engine: DockerEngine,
                                                tmp_path: Path) -> None:
    client = docker_engine.client
    ctx = make_context(tmp_path / "ctx", SMALL.replace("1000", "1002"), git_bytes=0)
    client.api.tag(docker_engine.base, "dwtest/keep", "mine")
    first = run_cli("--network", "none", "--keep-images", "--format", "json", ".", cwd=ctx)
    assert first.returncode == 0, first.stderr
    kept = json.loads(first.stdout)["kept_images"]
    assert len(kept) == 2
    before = image_ids(client)
    # the same build again: every stage is a cache hit, an image this run did not create
    second = run_cli("--network", "none", ".", cwd=ctx)
    assert second.returncode == 0, second.stderr
    assert image_ids(client) == before
    for ref in [*kept, "dwtest/keep:mine", docker_engine.base]:
        assert client.api.inspect_image(ref)
    for ref in kept:
        client.api.remove_image(ref)
    client.api.remove_image("dwtest/keep:mine")


def test_a_dockerfile_that_fails_to_build(docker_engine: DockerEngine, tmp_path: Path) -> None:
    failing = SMALL.replace("COPY --from=build /out /out", "RUN echo about to fail && false")
    ctx = make_context(tmp_path / "ctx", failing, git_bytes=0)
    temp = tmp_path / "temp"
    temp.mkdir()
    before = image_ids(docker_engine.client)
    done = run_cli("--network", "none", ".", cwd=ctx, tmpdir=temp)
    assert done.returncode == 2
    first, *detail = done.stderr.splitlines()
    assert first.startswith("dockwise: Dockerfile:6: stage 2 failed to build at step")
    assert "non-zero code: 1" in first
    assert any("about to fail" in line for line in detail)
    assert image_ids(docker_engine.client) == before
    assert docker_engine.client.api.containers(all=True) == []
    assert list(temp.iterdir()) == []


def test_an_image_that_does_not_exist(docker_engine: DockerEngine, tmp_path: Path) -> None:
    done = run_cli("--image", "nope/nothing:1", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr.strip() == \
        f"dockwise: no image 'nope/nothing:1' in the engine at {docker_engine.host}"


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_ctrl_c_removes_what_was_built(docker_engine: DockerEngine, tmp_path: Path,
                                       signum: int) -> None:
    # a finished step of the last stage (its COPY) leaves an image whose child, the RUN
    # step's container, the engine is still tearing down when dockwise cleans up
    slow = SMALL.replace("COPY --from=build /out /out",
                         "COPY --from=build /out /out\nRUN sleep 60")
    ctx = make_context(tmp_path / "ctx", slow, git_bytes=0)
    client = docker_engine.client
    before = image_ids(client)
    proc = subprocess.Popen([sys.executable, "-m", "dockwise", "size", "--network", "none",
                             "."], cwd=ctx, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)
    def sleeping() -> bool:
        return any("sleep 60" in c["Command"] for c in client.api.containers())

    deadline = time.monotonic() + 120
    while not sleeping() and time.monotonic() < deadline:
        time.sleep(0.2)  # wait until the last stage's RUN sleep 60 is running
    assert sleeping(), "the slow step never started"
    assert image_ids(client) != before  # the first stage's images exist by now
    proc.send_signal(signum)
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130
    assert err.endswith("dockwise: interrupted (the images this run built were removed)\n")
    deadline = time.monotonic() + 60
    while client.api.containers(all=True) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert image_ids(client) == before


@pytest.mark.skipif(buildkit_command()[0] is None, reason="no docker CLI with BuildKit")
def test_buildkit_builder(docker_engine: DockerEngine, tmp_path: Path) -> None:
    ctx = make_context(tmp_path / "ctx", WASTE_DOCKERFILE.replace("5000000", "5000001"))
    before = image_ids(docker_engine.client)
    report = measure_build(ctx / "Dockerfile", ctx, network="none", builder="buildkit")
    assert image_ids(docker_engine.client) == before
    build = stage(report, "build")
    assert [(s.origin, s.line) for s in build.steps] == [
        ("base", None), ("instruction", 2), ("instruction", 3), ("instruction", 5),
        ("instruction", 6), ("instruction", 7), ("instruction", 9)]
    assert [s.line for s in report.final.steps] == [None, 18, 19, 20, 21]
    assert build.steps[2].created_by.endswith("# buildkit")
    for s in report.stages:
        assert s.size == s.engine_size  # no symlinks in these layers: the counts agree
    assert build.analysis.reclaimable == 5_000_001 + 1_000_000 + 5000


def test_reports_of_a_multi_stage_build(waste_build: Any) -> None:
    from dockwise.image.units import human
    from dockwise.report import ReportOptions, size_json, size_markdown, size_tty

    report, _ = waste_build
    build = stage(report, "build")
    md = size_markdown.render(report, ReportOptions())
    row = next(line for line in md.splitlines() if line.startswith("| build "))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells == ["build", "dwtest/busybox:1", human(build.size), human(build.added_size or 0),
                     "7", human(build.analysis.reclaimable), "+" + human(build.diff_to_final)]
    assert "### Layers of stage 1" in md and "Dockerfile:3 RUN head -c 5000000" in md
    tty = size_tty.render(report, ReportOptions(width=160))
    assert "Stages" in tty and "runtime (final)" in tty
    data = size_json.report_dict(report)
    assert [s["diff_to_final"] for s in data["stages"]] == [
        s.size - report.final.size for s in report.stages]
    assert all(isinstance(layer["size"], int) for s in data["stages"] for layer in s["layers"])


@pytest.mark.skipif(buildkit_command()[0] is None, reason="no docker CLI with BuildKit")
def test_buildkit_failure(docker_engine: DockerEngine, tmp_path: Path) -> None:
    failing = SMALL.replace("COPY --from=build /out /out", "RUN echo about to fail && false")
    ctx = make_context(tmp_path / "ctx", failing, git_bytes=0)
    before = image_ids(docker_engine.client)
    done = run_cli("--network", "none", "--builder", "buildkit", ".", cwd=ctx)
    assert done.returncode == 2
    first, *detail = done.stderr.splitlines()
    assert first == ("dockwise: Dockerfile:6: stage 2 failed to build: executor failed running "
                     "[/bin/sh -c echo about to fail && false]: exit code: 1")
    assert any("about to fail" in line for line in detail)
    assert image_ids(docker_engine.client) == before


CHAINED = """\
FROM dwtest/busybox:1 AS build
ONBUILD RUN head -c 700 /dev/zero > /triggered
RUN head -c 3000 /dev/zero > /built
FROM build AS test
RUN head -c 500 /dev/zero > /tested
"""


def test_a_stage_built_from_another_stage(docker_engine: DockerEngine, tmp_path: Path) -> None:
    ctx = make_context(tmp_path / "ctx", CHAINED, git_bytes=0)
    report = measure_build(ctx / "Dockerfile", ctx, network="none")
    build, test = report.stages
    assert test.base == "stage build"
    assert test.base_size == build.size
    assert test.added_size == 700 + 500
    assert [(s.origin, s.line, s.stage) for s in test.steps] == [
        ("base", None, None), ("instruction", 3, "build"), ("onbuild", None, None),
        ("instruction", 5, "test")]
    assert test.steps[1] is build.steps[1]
