"""The per-layer file index: paths, kinds, both size counts, whiteouts and opaque dirs."""

from __future__ import annotations

import io

import pytest

from dockwise.image.layers import LayerIndex, clean_path, index_layer, whiteout_target
from dockwise.image.tarstream import Source

from .kit import DIR, OPAQUE, WHITEOUT, layer_tar


@pytest.mark.parametrize(("raw", "clean"), [
    ("./usr/bin/", "usr/bin"), ("/etc//passwd", "etc/passwd"), ("./", ""), (".", ""),
    ("a/./b", "a/b"), ("a/b/../c", "a/c"), (".bashrc", ".bashrc"), ("./.wh.x", ".wh.x"),
    ("//abs", "abs"), ("usr/lib", "usr/lib"),
])
def test_clean_path(raw: str, clean: str) -> None:
    assert clean_path(raw) == clean


def _index(files: dict, **kw: object) -> LayerIndex:
    return index_layer(Source(io.BytesIO(layer_tar(files, **kw))))  # type: ignore[arg-type]


def test_entries_kinds_and_sizes() -> None:
    layer = _index({"bin": DIR, "bin/busybox": 1000, "bin/sh": ("symlink", "busybox"),
                    "bin/ash": ("hardlink", "bin/busybox"), "etc/motd": b"hi\n"})
    assert layer.entries == {"bin": ("d", 0), "bin/busybox": ("f", 1000), "bin/sh": ("l", 7),
                             "bin/ash": ("h", 0), "etc/motd": ("f", 3)}
    assert layer.links == {"bin/ash": "bin/busybox"}
    # docker counts the symlink's target length and the hard link's inode once
    assert layer.size == 1000 + 7 + 3
    # dive sums the tar headers' size fields: symlinks are 0
    assert layer.tar_size == 1000 + 3
    assert layer.members == 5


def test_names_with_dot_slash_prefix_index_the_same() -> None:
    plain = _index({"a/b": 5})
    dotted = _index({"a/b": 5}, prefix="./")
    assert plain.entries == dotted.entries


def test_whiteouts_and_opaque_directories() -> None:
    layer = _index({"etc/motd": WHITEOUT, "big": WHITEOUT, "var/cache": OPAQUE,
                    "var/cache/new": 4})
    assert layer.whiteouts == ["etc/.wh.motd", ".wh.big"]
    assert layer.opaque == ["var/cache"]
    assert "etc/.wh.motd" not in layer.entries
    assert layer.entries["var/cache"] == ("d", 0)
    assert layer.entries["var/cache/new"] == ("f", 4)
    assert [whiteout_target(w) for w in layer.whiteouts] == ["etc/motd", "big"]


def test_aufs_metadata_is_ignored() -> None:
    layer = LayerIndex()
    layer.add(".wh..wh.plnk/123.456", b"0", 0)
    layer.add(".wh..wh.aufs", b"0", 0)
    assert layer.entries == {} and layer.whiteouts == [] and layer.opaque == []


def test_a_path_stored_twice_counts_once_for_docker_and_twice_for_dive() -> None:
    layer = LayerIndex()
    layer.add("f", b"0", 100)
    layer.add("f", b"0", 30)
    assert layer.entries["f"] == ("f", 30)
    assert layer.size == 30
    assert layer.tar_size == 130


def test_bytes_under_directories() -> None:
    layer = _index({"var/cache/apk/APKINDEX.tar.gz": 2000, "var/cache/apkx": 7,
                    "var/lib/apt/lists/a": 10, "usr/bin/x": 5})
    assert layer.bytes_under(["/var/cache/apk/", "var/lib/apt/lists", "root/.cache"]) == {
        "var/cache/apk": 2000, "var/lib/apt/lists": 10}
