"""Reading images from docker-archive tars and OCI layouts (dir or tar): formats, layer
order, compression, several images, and every way an archive can be broken."""

from __future__ import annotations

import hashlib
import io
import json
import os
import tarfile
import tracemalloc
from pathlib import Path

import pytest

from dockwise.image import ImageError
from dockwise.image.archive import blob_name, host_platform, read_archive, read_stream, select_image

from .kit import DIR, WHITEOUT, compress, docker_archive, layer_tar, oci_layout, oci_tar

L0 = layer_tar({"etc": DIR, "etc/passwd": 100, "bin/sh": ("symlink", "busybox")})
L1 = layer_tar({"big": 5000})
L2 = layer_tar({"big": WHITEOUT, "app": 42})


def _files(image) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [sorted(layer.entries) for layer in image.layers]


EXPECTED = [["bin/sh", "etc", "etc/passwd"], ["big"], ["app"]]


def _write(tmp_path: Path, data: bytes, name: str = "image.tar") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize("manifest_first", [False, True])
@pytest.mark.parametrize("reverse_layers", [False, True])
def test_docker_archive_layer_order_comes_from_the_manifest(
        tmp_path: Path, manifest_first: bool, reverse_layers: bool) -> None:
    data = docker_archive([L0, L1, L2], manifest_first=manifest_first,
                          reverse_layers=reverse_layers)
    (image,) = read_archive(_write(tmp_path, data))
    assert _files(image) == EXPECTED
    assert image.tags == ("test:1",)
    assert image.id.startswith("sha256:") and len(image.id) == 71
    assert [x.digest for x in image.layers] == image.diff_ids
    assert len(image.history) == 3


@pytest.mark.parametrize("compression", ["gzip", "zstd"])
def test_compressed_layers_in_a_docker_archive(tmp_path: Path, compression: str) -> None:
    (image,) = read_archive(_write(tmp_path, docker_archive([L0, L1, L2],
                                                            compression=compression)))
    assert _files(image) == EXPECTED


@pytest.mark.parametrize("compression", [None, "gzip", "zstd"])
def test_oci_layout_directory_and_tar_read_the_same(tmp_path: Path,
                                                    compression: str | None) -> None:
    (from_dir,) = read_archive(oci_layout(tmp_path / "oci", [L0, L1, L2],
                                          compression=compression))
    (from_tar,) = read_archive(_write(tmp_path, oci_tar([L0, L1, L2],
                                                        compression=compression)))
    assert _files(from_dir) == _files(from_tar) == EXPECTED
    assert from_dir.id == from_tar.id
    assert from_dir.tags == ("test:1",)


def test_docker_25_archive_with_manifest_json_into_blobs(tmp_path: Path) -> None:
    (image,) = read_archive(_write(tmp_path, oci_tar([L0, L1, L2], with_docker_manifest=True)))
    assert _files(image) == EXPECTED and image.tags == ("test:1",)


class Trickle(io.RawIOBase):
    """A stream that, like a socket, returns fewer bytes than asked (at most ``most``)."""

    def __init__(self, data: bytes, most: int) -> None:
        self._data = io.BytesIO(data)
        self._most = most

    def read(self, n: int = -1) -> bytes:
        return self._data.read(self._most if n < 0 else min(n, self._most))


def test_the_engine_stream_reads_like_the_file(tmp_path: Path) -> None:
    data = docker_archive([L0, L1, L2])
    (a,) = read_stream(io.BytesIO(data), "stream")
    (b,) = read_archive(_write(tmp_path, data))
    assert _files(a) == _files(b) and a.id == b.id


@pytest.mark.parametrize("most", [1, 7, 700, 65536])
def test_short_reads_from_the_engine_stream(tmp_path: Path, most: int) -> None:
    """The engine's ``save()`` stream returns pieces of arbitrary size; JSON members longer
    than a piece (image configs are) must still be read whole."""
    data = docker_archive([L0, L1, L2])
    (a,) = read_stream(Trickle(data, most), "stream")
    (b,) = read_archive(_write(tmp_path, data))
    assert _files(a) == _files(b) and a.id == b.id


def test_symlinked_layer_tar(tmp_path: Path) -> None:
    config = json.dumps({"rootfs": {"diff_ids": []}, "history": []}).encode()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, payload in (("aaa/layer.tar", L1), ("c.json", config)):
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
        link = tarfile.TarInfo("bbb/layer.tar")
        link.type = tarfile.SYMTYPE
        link.linkname = "../aaa/layer.tar"
        tar.addfile(link)
        manifest = json.dumps([{"Config": "c.json", "RepoTags": None,
                                "Layers": ["aaa/layer.tar", "bbb/layer.tar"]}]).encode()
        info = tarfile.TarInfo("manifest.json")
        info.size = len(manifest)
        tar.addfile(info, io.BytesIO(manifest))
    (image,) = read_archive(_write(tmp_path, buf.getvalue()))
    assert image.layers[0] is image.layers[1]
    assert image.tags == ()


def test_several_images_and_choosing_one(tmp_path: Path) -> None:
    path = _write(tmp_path, docker_archive([L0, L1], tags=["app:1", "app:latest"],
                                           extra=[([L0], ["docker.io/library/base:2"])]))
    images = read_archive(path)
    assert [i.tags for i in images] == [("app:1", "app:latest"), ("docker.io/library/base:2",)]
    assert select_image(images, "base:2", "x") is images[1]
    assert select_image(images, "app", "x") is images[0]  # app means app:latest
    assert select_image(images, images[1].id[7:19], "x") is images[1]
    with pytest.raises(ImageError, match="holds 2 images"):
        select_image(images, None, "x")
    with pytest.raises(ImageError, match="no image 'nope:1'"):
        select_image(images, "nope:1", "x")


def _index_with_platforms(root: Path, layers: list[bytes]) -> Path:
    """An OCI layout whose index.json points at a multi-platform index (plus an
    attestation), with the host's platform second."""
    oci_layout(root, layers)
    index = json.loads((root / "index.json").read_text())
    host_desc = index["manifests"][0]
    other_layout = oci_layout(root / "other", [L0])
    other_desc = json.loads((other_layout / "index.json").read_text())["manifests"][0]
    for blob in (other_layout / "blobs" / "sha256").iterdir():
        (root / "blobs" / "sha256" / blob.name).write_bytes(blob.read_bytes())
    os_, arch = host_platform()
    other_arch = "s390x" if arch != "s390x" else "arm64"
    nested = {"schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
              "manifests": [
                  {**other_desc, "platform": {"os": "linux", "architecture": other_arch}},
                  {**host_desc, "platform": {"os": "unknown", "architecture": "unknown"},
                   "annotations": {"vnd.docker.reference.type": "attestation-manifest"}},
                  {**host_desc, "platform": {"os": os_, "architecture": arch}}]}
    raw = json.dumps(nested).encode()
    digest = hashlib.sha256(raw).hexdigest()
    (root / "blobs" / "sha256" / digest).write_bytes(raw)
    (root / "index.json").write_text(json.dumps({"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.index.v1+json", "digest": f"sha256:{digest}",
        "size": len(raw), "annotations": {"io.containerd.image.name": "docker.io/x/multi:1"}}]}))
    return root


def test_multi_platform_index_picks_the_host_platform(tmp_path: Path) -> None:
    (image,) = read_archive(_index_with_platforms(tmp_path / "oci", [L0, L1, L2]))
    assert _files(image) == EXPECTED
    assert image.tags == ("docker.io/x/multi:1",)


# -- broken archives -------------------------------------------------------------------------


def test_truncated_archive(tmp_path: Path) -> None:
    data = docker_archive([L0, L1, L2])
    path = _write(tmp_path, data[:len(data) // 2])
    with pytest.raises(ImageError, match=r"image\.tar: truncated archive"):
        read_archive(path)


def test_truncated_stream(tmp_path: Path) -> None:
    data = docker_archive([L0, L1, L2])
    with pytest.raises(ImageError, match="truncated"):
        read_stream(io.BytesIO(data[:len(data) // 2 + 100]), "stream")


@pytest.mark.parametrize("junk", [b"hello world\n" * 200, b"", b"\x1f\x8b" + bytes(700)])
def test_not_a_tar(tmp_path: Path, junk: bytes) -> None:
    with pytest.raises(ImageError, match=r"image\.tar: (not a tar|not an image archive)"):
        read_archive(_write(tmp_path, junk))


def test_manifest_naming_a_missing_layer(tmp_path: Path) -> None:
    data = docker_archive([L0, L1])
    buf = io.BytesIO()
    with tarfile.open(fileobj=io.BytesIO(data)) as src, tarfile.open(fileobj=buf, mode="w") as dst:
        for member in src.getmembers():
            if member.name.endswith("layer.tar") and src.extractfile(member).read() == L1:  # type: ignore[union-attr]
                continue
            dst.addfile(member, src.extractfile(member))
    with pytest.raises(ImageError, match=r"names layer 2 \(.*layer\.tar\), which is not in"):
        read_archive(_write(tmp_path, buf.getvalue()))


def _tar_of(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, payload in members.items():
            info = tarfile.TarInfo(name)
            info.size = len(payload)
            tar.addfile(info, io.BytesIO(payload))
    return buf.getvalue()


@pytest.mark.parametrize(("members", "message"), [
    ({"x/layer.tar": L0}, "no manifest.json or index.json"),
    ({"manifest.json": b"{not json"}, "manifest.json is not valid JSON"),
    ({"manifest.json": b'{"a": 1}'}, "not a list of images"),
    ({"manifest.json": b'[{"Config": "c.json", "Layers": []}]'}, "names config c.json"),
    ({"index.json": b'{"manifests": [{"digest": "sha256:../../../etc/passwd"}]}'},
     "invalid digest"),
    ({"index.json": b'{"manifests": [{"digest": "sha256:' + b"a" * 64 + b'"}]}'},
     "which is not in the layout"),
])
def test_inconsistent_archives(tmp_path: Path, members: dict[str, bytes], message: str) -> None:
    with pytest.raises(ImageError, match=message):
        read_archive(_write(tmp_path, _tar_of(members)))


def test_oci_directory_without_index_or_with_missing_blob(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ImageError, match="not an OCI image layout"):
        read_archive(tmp_path / "empty")
    root = oci_layout(tmp_path / "oci", [L0, L1])
    layer_blob = root / "blobs" / "sha256" / hashlib.sha256(L1).hexdigest()
    layer_blob.unlink()
    with pytest.raises(ImageError, match="names layer 2"):
        read_archive(root)


def test_corrupt_layer_in_an_oci_directory(tmp_path: Path) -> None:
    root = oci_layout(tmp_path / "oci", [L0, L1], compression="gzip")
    blob = root / "blobs" / "sha256" / hashlib.sha256(compress(L1, "gzip")).hexdigest()
    blob.write_bytes(blob.read_bytes()[:30])
    with pytest.raises(ImageError, match="layer blobs/sha256/"):
        read_archive(root)


def test_member_names_are_data_never_paths(tmp_path: Path) -> None:
    evil_layer = layer_tar({"../../escaped": 10, "/abs/olute": 5, "ok": 1})
    evil = _tar_of({"../../../outside.tar": evil_layer, "/tmp/abs.json": b"{}"})
    path = _write(tmp_path, evil)
    work = tmp_path / "work"
    work.mkdir()
    before = sorted(os.listdir(tmp_path)) + sorted(os.listdir(work))
    cwd = os.getcwd()
    os.chdir(work)
    try:
        with pytest.raises(ImageError, match="not an image archive"):
            read_archive(path)
    finally:
        os.chdir(cwd)
    assert sorted(os.listdir(tmp_path)) + sorted(os.listdir(work)) == before


def test_memory_is_bounded_by_paths_not_bytes(tmp_path: Path) -> None:
    big = layer_tar({f"blob{i}": 8_000_000 for i in range(5)})  # 40 MB of file data
    path = _write(tmp_path, docker_archive([L0, big]))
    tracemalloc.start()
    try:
        (image,) = read_archive(path)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert image.layers[1].size == 40_000_000
    assert peak < 4_000_000, peak


def test_blob_names_are_checked() -> None:
    assert blob_name("sha256:" + "ab" * 32) == "blobs/sha256/" + "ab" * 32
    for bad in ("sha256:../x", "../../etc", "", "sha256:a/b", "sha256:ab\n"):
        with pytest.raises(ImageError):
            blob_name(bad)


def test_a_manifest_listing_too_many_layers_is_refused(tmp_path: Path) -> None:
    from dockwise.image.archive import MAX_LAYERS

    names = ["l/layer.tar"] * (MAX_LAYERS + 1)
    config = b'{"rootfs": {"diff_ids": []}}'
    members = {"l/layer.tar": L0, "c.json": config,
               "manifest.json": json.dumps([{"Config": "c.json", "RepoTags": ["t:1"],
                                             "Layers": names}]).encode()}
    with pytest.raises(ImageError) as info:
        read_archive(_write(tmp_path, _tar_of(members)))
    assert info.value.message.endswith(": the manifest of t:1 lists 1025 layers; dockwise reads "
                                       "at most 1024 (docker's overlay2 stacks at most 128)")
    members["manifest.json"] = json.dumps([{"Config": "c.json", "RepoTags": ["t:1"],
                                            "Layers": names[:MAX_LAYERS]}]).encode()
    (image,) = read_archive(_write(tmp_path, _tar_of(members)))
    assert len(image.layers) == MAX_LAYERS  # the same layer, indexed once
    assert len({id(layer) for layer in image.layers}) == 1


def test_json_members_have_a_total_budget(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    from dockwise.image import archive

    monkeypatch.setattr(archive, "MAX_JSON_TOTAL", 1000)
    members = {f"{i}.json": b"[" + b" " * 298 + b"]" for i in range(4)}
    with pytest.raises(ImageError) as info:
        read_archive(_write(tmp_path, _tar_of(members)))
    assert info.value.message.endswith(": more than 1,000 bytes of JSON documents; not an "
                                       "image archive")


def test_json_nested_too_deeply_is_an_error(tmp_path: Path) -> None:
    members = {"manifest.json": b"[" * 100_000 + b"]" * 100_000}
    with pytest.raises(ImageError) as info:
        read_archive(_write(tmp_path, _tar_of(members)))
    assert info.value.message.endswith("manifest.json is not valid JSON (nested too deeply)")


def test_repeated_layers_count_towards_the_entry_limit(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    from dockwise.image import archive

    monkeypatch.setattr(archive, "MAX_LAYER_ENTRIES", 10)
    layer = layer_tar({f"f{i}": b"" for i in range(4)})
    config = b'{"rootfs": {"diff_ids": []}}'
    members = {"l/layer.tar": layer, "c.json": config,
               "manifest.json": json.dumps([{"Config": "c.json", "RepoTags": ["t:1"],
                                             "Layers": ["l/layer.tar"] * 3}]).encode()}
    with pytest.raises(ImageError) as info:
        read_archive(_write(tmp_path, _tar_of(members)))
    assert info.value.message.endswith(": the layers of t:1 hold more than 10 entries together")


def test_a_layer_of_too_many_entries_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    from dockwise.image import layers
    from dockwise.image.tarstream import Source, TarFormatError

    monkeypatch.setattr(layers, "MAX_LAYER_ENTRIES", 3)
    assert len(layers.index_layer(Source(io.BytesIO(layer_tar({"a": b"", "b": b"", "c": b""}))))
               .entries) == 3
    with pytest.raises(TarFormatError, match="more than 3 entries in one layer"):
        layers.index_layer(Source(io.BytesIO(layer_tar({f"f{i}": b"" for i in range(4)}))))
