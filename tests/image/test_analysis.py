"""Stacking layers: reclaimable bytes and dive's figures on images whose answer is known by
construction (a 5 MB file written then deleted, overwritten, duplicated; a directory removed
with rm -rf; an opaque directory; hard links), plus a brute-force oracle on random images."""

from __future__ import annotations

import io
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dockwise.image.analysis import analyze, dive_figures
from dockwise.image.layers import LayerIndex, index_layer
from dockwise.image.tarstream import Source

from .kit import DIR, OPAQUE, WHITEOUT, Layer, layer_tar

MB5 = 5_000_000
BASE = {"etc": DIR, "etc/passwd": 100}


def layers(*specs: Layer) -> list[LayerIndex]:
    return [index_layer(Source(io.BytesIO(layer_tar(spec)))) for spec in specs]


def test_file_written_then_deleted() -> None:
    a = analyze(layers(BASE, {"big": MB5}, {"big": WHITEOUT}))
    assert a.size == 100 + MB5
    assert a.reclaimable == MB5
    (item,) = a.waste
    assert (item.path, item.kind, item.bytes, item.files, item.hidden_by, item.written_by) == \
        ("/big", "deleted", MB5, 1, 2, ((1, MB5),))
    assert [x.hidden_bytes for x in a.layers] == [0, MB5, 0]
    assert "big" not in a.visible
    # dive: two references to /big (5 MB and the whiteout's 0): all 5 MB wasted
    assert a.dive.wasted_bytes == MB5
    assert a.dive.efficiency == pytest.approx(100 / (100 + MB5))
    assert a.dive.user_wasted_percent == pytest.approx(1.0)
    assert [(p.path, p.count, p.bytes) for p in a.dive.inefficient] == [("/big", 2, MB5)]


def test_file_overwritten_costs_one_copy_dive_counts_two() -> None:
    a = analyze(layers(BASE, {"big": MB5}, {"big": MB5}))
    assert a.reclaimable == MB5
    assert a.waste[0].kind == "overwritten" and a.waste[0].written_by == ((1, MB5),)
    assert a.visible["big"] == (2, "f", MB5)
    assert a.dive.wasted_bytes == 2 * MB5  # dive counts the copy that stays as wasted too


def test_file_stored_three_times_costs_two_copies() -> None:
    a = analyze(layers(BASE, {"f": MB5}, {"f": MB5}, {"f": MB5}))
    assert a.reclaimable == 2 * MB5
    assert sorted((w.hidden_by, w.written_by) for w in a.waste) == [
        (2, ((1, MB5),)), (3, ((2, MB5),))]
    assert a.dive.wasted_bytes == 3 * MB5


def test_directory_removed_with_rm_rf() -> None:
    a = analyze(layers(BASE, {"d": DIR, "d/e": DIR, "d/e/f": 1000, "d/g": 2000},
                       {"d": WHITEOUT}))
    assert a.reclaimable == 3000
    (item,) = a.waste
    assert (item.path, item.kind, item.bytes, item.files) == ("/d", "deleted", 3000, 2)
    assert not any(p.startswith("d") for p in a.visible)
    # dive misses it: /d was not a leaf below, so it has a single reference
    assert a.dive.wasted_bytes == 0
    assert a.dive.efficiency == 1.0


def test_directory_contents_from_several_layers_deleted_together() -> None:
    a = analyze(layers(BASE, {"d/a": 10}, {"d/b": 20}, {"d": WHITEOUT}))
    (item,) = a.waste
    assert item.bytes == 30 and item.written_by == ((2, 20), (1, 10))


def test_opaque_directory_hides_everything_below() -> None:
    a = analyze(layers(BASE, {"var/cache/a": 4000, "var/cache/b": 1000},
                       {"var/cache": OPAQUE, "var/cache/c": 10}))
    assert a.reclaimable == 5000
    (item,) = a.waste
    assert (item.path, item.kind, item.files) == ("/var/cache", "opaque", 2)
    assert a.visible["var/cache/c"][2] == 10 and "var/cache/a" not in a.visible
    assert a.dive.wasted_bytes == 0  # dive ignores opaque directories


def test_hard_link_keeps_data_alive_until_its_last_name_goes() -> None:
    a = analyze(layers(BASE, {"bin/a": 3000, "bin/b": ("hardlink", "bin/a")},
                       {"bin/a": WHITEOUT}))
    assert a.reclaimable == 0
    a = analyze(layers(BASE, {"bin/a": 3000, "bin/b": ("hardlink", "bin/a")},
                       {"bin/a": WHITEOUT}, {"bin/b": WHITEOUT}))
    assert a.reclaimable == 3000
    assert a.waste[0].hidden_by == 3


def test_file_replaced_by_directory_and_directory_by_file() -> None:
    a = analyze(layers(BASE, {"x": 100}, {"x": DIR, "x/y": 5}))
    assert a.reclaimable == 100 and a.waste[0].kind == "overwritten"
    a = analyze(layers(BASE, {"x/y": 50, "x/z": 60}, {"x": 7}))
    assert a.reclaimable == 110
    assert a.waste[0].path == "/x" and a.waste[0].files == 2
    assert a.visible["x"] == (2, "f", 7)


def test_whiteout_of_a_path_that_is_not_there_hides_nothing() -> None:
    a = analyze(layers(BASE, {"nothing": WHITEOUT}))
    assert a.reclaimable == 0 and a.waste == ()


def test_symlink_bytes_are_counted_like_docker() -> None:
    a = analyze(layers({"bin/busybox": 1000, "bin/sh": ("symlink", "busybox")},
                       {"bin/sh": ("symlink", "/bin/busybox")}))
    assert a.size == 1000 + 7 + 12
    assert a.reclaimable == 7


def test_one_layer_image_has_an_undefined_user_wasted_ratio() -> None:
    d = dive_figures(layers(BASE))
    assert d.user_size == 0 and math.isnan(d.user_wasted_percent) and d.efficiency == 1.0


def test_visible_bytes_under_directories() -> None:
    a = analyze(layers(BASE, {"usr/local/go/bin/go": 700, "go/pkg/mod/x": 30},
                       {"go/pkg/mod": WHITEOUT}))
    assert a.visible_bytes_under(["usr/local/go", "go/pkg/mod"]) == {"usr/local/go": 700}


# -- an independent oracle ---------------------------------------------------------------------

NAMES = ["a", "b", "a/x", "a/y", "b/z", "a/x/deep", "b/z/w"]


def _oracle(specs: list[dict]) -> tuple[int, int]:
    """Total and visible bytes by direct simulation (no child index, quadratic, obviously
    right): a dict of path -> size, applying each layer's whiteouts then entries."""
    fs: dict[str, int | None] = {}  # None: a directory
    total = 0
    for spec in specs:
        for path, content in spec.items():
            if content == WHITEOUT:
                for p in [p for p in fs if p == path or p.startswith(path + "/")]:
                    del fs[p]
        for path, content in spec.items():
            if content == WHITEOUT:
                continue
            if content == DIR:
                if fs.get(path) is not None:
                    del fs[path]
                fs[path] = None
            else:
                size = len(content) if isinstance(content, bytes) else content
                total += size
                for p in [p for p in fs if p.startswith(path + "/")]:
                    del fs[p]
                fs[path] = size
            parts = path.split("/")
            for i in range(1, len(parts)):
                parent = "/".join(parts[:i])
                if fs.get(parent) is not None:  # a file where a directory is needed
                    del fs[parent]
                fs.setdefault(parent, None)
    return total, sum(v for v in fs.values() if v)


@st.composite
def images(draw: st.DrawFn) -> list[dict]:
    count = draw(st.integers(1, 5))
    out = []
    for _ in range(count):
        spec: dict = {}
        for name in draw(st.lists(st.sampled_from(NAMES), max_size=4, unique=True)):
            spec[name] = draw(st.one_of(st.integers(0, 5000), st.just(DIR), st.just(WHITEOUT)))
        # a tar cannot hold a file and a path below it: keep the layer consistent
        for name in list(spec):
            if spec[name] not in (DIR, WHITEOUT) and any(
                    o.startswith(name + "/") and spec[o] != WHITEOUT for o in spec):
                spec[name] = DIR
        out.append(spec)
    return out


@settings(max_examples=300, deadline=None)
@given(images())
def test_reclaimable_matches_a_brute_force_simulation(specs: list[dict]) -> None:
    a = analyze(layers(*specs))
    total, visible = _oracle(specs)
    assert a.size == total
    assert a.reclaimable == total - visible
    assert sum(x.hidden_bytes for x in a.layers) == a.reclaimable
    assert sum(w.bytes for w in a.waste) == a.reclaimable
    assert sum(v[2] for v in a.visible.values()) == visible
