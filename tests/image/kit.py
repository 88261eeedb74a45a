"""Build image layers and archives in memory for tests (with :mod:`tarfile`, independently of
the reader under test).

A layer is described by a dict: path -> content, where content is

* ``bytes``: a regular file with that content (``b"\\0" * 5_000_000`` for a 5 MB file);
* ``int``: a regular file of that many zero bytes;
* ``DIR``: a directory;
* ``("symlink", target)`` / ``("hardlink", target)``;
* ``WHITEOUT``: a whiteout for that path (``etc/motd`` -> ``etc/.wh.motd``);
* ``OPAQUE``: that directory is opaque (``d`` -> ``d/.wh..wh..opq``, the directory included).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import json
import tarfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

DIR = "dir"
WHITEOUT = "whiteout"
OPAQUE = "opaque"
Layer = Mapping[str, Any]


def layer_tar(files: Layer, *, fmt: int = tarfile.PAX_FORMAT, prefix: str = "") -> bytes:
    """A layer tar for ``files`` (see the module docstring); names get ``prefix`` (``./``)."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=fmt) as tar:
        for path, content in files.items():
            if content == WHITEOUT:
                head, _, base = path.rpartition("/")
                name = f"{head}/.wh.{base}" if head else f".wh.{base}"
                info = tarfile.TarInfo(prefix + name)
                tar.addfile(info, io.BytesIO(b""))
                continue
            if content == OPAQUE:
                info = tarfile.TarInfo(prefix + path)
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
                tar.addfile(tarfile.TarInfo(prefix + path + "/.wh..wh..opq"), io.BytesIO(b""))
                continue
            info = tarfile.TarInfo(prefix + path)
            if content == DIR:
                info.type = tarfile.DIRTYPE
                info.mode = 0o755
                tar.addfile(info)
            elif isinstance(content, tuple):
                kind, target = content
                info.type = tarfile.SYMTYPE if kind == "symlink" else tarfile.LNKTYPE
                info.linkname = target
                tar.addfile(info)
            else:
                data = bytes(content) if isinstance(content, int) else content
                info.size = len(data)
                info.mode = 0o644
                tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def _digest(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def config_for(layers: Sequence[bytes], history: Sequence[Mapping[str, Any]] | None = None,
               ) -> dict[str, Any]:
    """An image config whose ``rootfs.diff_ids`` are the layers' digests; one history entry
    per layer unless ``history`` is given."""
    if history is None:
        history = [{"created_by": f"/bin/sh -c step {i}"} for i in range(len(layers))]
    return {"architecture": "amd64", "os": "linux", "config": {},
            "rootfs": {"type": "layers", "diff_ids": [_digest(x) for x in layers]},
            "history": [dict(h) for h in history]}


def _add(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    tar.addfile(info, io.BytesIO(data))


def compress(data: bytes, how: str | None) -> bytes:
    """``data`` gzip- or zstd-compressed (``None``: as is)."""
    if how == "gzip":
        return gzip.compress(data, mtime=0)
    if how == "zstd":
        import zstandard

        return zstandard.ZstdCompressor().compress(data)
    return data


def docker_archive(layers: Sequence[bytes], *, tags: Sequence[str] = ("test:1",),
                   history: Sequence[Mapping[str, Any]] | None = None,
                   manifest_first: bool = False, reverse_layers: bool = False,
                   compression: str | None = None,
                   extra: Sequence[tuple[Sequence[bytes], Sequence[str]]] = ()) -> bytes:
    """A ``docker save`` tar in the pre-25 layout (``<id>/layer.tar``, ``<config>.json``,
    ``manifest.json`` last unless ``manifest_first``); ``reverse_layers`` writes the layer
    members in reverse order (the manifest still lists them bottom first); ``extra`` adds
    more images ``(layers, tags)``."""
    buf = io.BytesIO()
    images = [(list(layers), list(tags), history), *[(list(a), list(b), None) for a, b in extra]]
    manifest = []
    members: list[tuple[str, bytes]] = []
    for image_layers, image_tags, image_history in images:
        names = []
        for raw in image_layers:
            stored = compress(raw, compression)
            name = f"{hashlib.sha256(stored).hexdigest()}/layer.tar"
            names.append(name)
            if all(m[0] != name for m in members):
                members.append((name, stored))
        config = json.dumps(config_for(image_layers, image_history)).encode()
        config_name = f"{hashlib.sha256(config).hexdigest()}.json"
        members.append((config_name, config))
        manifest.append({"Config": config_name, "RepoTags": image_tags, "Layers": names})
    layer_members = [m for m in members if m[0].endswith("layer.tar")]
    other = [m for m in members if not m[0].endswith("layer.tar")]
    if reverse_layers:
        layer_members.reverse()
    manifest_member = ("manifest.json", json.dumps(manifest).encode())
    ordered = ([manifest_member] if manifest_first else []) + layer_members + other + \
        ([] if manifest_first else [manifest_member])
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for name, data in ordered:
            _add(tar, name, data)
    return buf.getvalue()


def _oci_blobs(layers: Sequence[bytes], history: Sequence[Mapping[str, Any]] | None,
               compression: str | None, tag: str) -> tuple[dict[str, bytes], dict[str, Any]]:
    blobs: dict[str, bytes] = {}
    config = json.dumps(config_for(layers, history)).encode()
    blobs[_digest(config)] = config
    descs = []
    media = {None: "application/vnd.oci.image.layer.v1.tar",
             "gzip": "application/vnd.oci.image.layer.v1.tar+gzip",
             "zstd": "application/vnd.oci.image.layer.v1.tar+zstd"}[compression]
    for raw in layers:
        stored = compress(raw, compression)
        blobs[_digest(stored)] = stored
        descs.append({"mediaType": media, "digest": _digest(stored), "size": len(stored)})
    manifest = json.dumps({"schemaVersion": 2,
                           "mediaType": "application/vnd.oci.image.manifest.v1+json",
                           "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                                      "digest": _digest(config), "size": len(config)},
                           "layers": descs}).encode()
    blobs[_digest(manifest)] = manifest
    index = {"schemaVersion": 2, "manifests": [{
        "mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": _digest(manifest),
        "size": len(manifest), "annotations": {"org.opencontainers.image.ref.name": tag}}]}
    return blobs, index


def oci_layout(root: Path, layers: Sequence[bytes], *, tag: str = "test:1",
               history: Sequence[Mapping[str, Any]] | None = None,
               compression: str | None = None) -> Path:
    """Write an OCI image layout directory at ``root``; returns ``root``."""
    blobs, index = _oci_blobs(layers, history, compression, tag)
    (root / "blobs" / "sha256").mkdir(parents=True, exist_ok=True)
    for digest, data in blobs.items():
        (root / "blobs" / "sha256" / digest.split(":")[1]).write_bytes(data)
    (root / "oci-layout").write_text('{"imageLayoutVersion": "1.0.0"}')
    (root / "index.json").write_text(json.dumps(index))
    return root


def oci_tar(layers: Sequence[bytes], *, tag: str = "test:1",
            history: Sequence[Mapping[str, Any]] | None = None,
            compression: str | None = None, with_docker_manifest: bool = False) -> bytes:
    """An OCI image layout as a tar (blobs first, ``index.json`` last); with
    ``with_docker_manifest`` also a ``manifest.json`` pointing into ``blobs/``, as Docker
    25+ writes."""
    blobs, index = _oci_blobs(layers, history, compression, tag)
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as tar:
        for digest, data in blobs.items():
            _add(tar, f"blobs/sha256/{digest.split(':')[1]}", data)
        _add(tar, "oci-layout", b'{"imageLayoutVersion": "1.0.0"}')
        _add(tar, "index.json", json.dumps(index).encode())
        if with_docker_manifest:
            config = json.dumps(config_for(layers, history)).encode()
            names = [f"blobs/sha256/{hashlib.sha256(compress(x, compression)).hexdigest()}"
                     for x in layers]
            manifest = [{"Config": f"blobs/sha256/{hashlib.sha256(config).hexdigest()}",
                         "RepoTags": [tag], "Layers": names}]
            _add(tar, "manifest.json", json.dumps(manifest).encode())
    return buf.getvalue()
