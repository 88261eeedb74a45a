"""Reading images from archives: ``docker save`` tars and OCI image layouts, as streams.

Three sources give the same :class:`ArchiveImage` objects:

* a ``docker save`` tar (a file, or the engine's ``save()`` stream): ``manifest.json`` lists,
  per image, its config file and its layer tars in order. Engines before 25 write
  ``<id>/layer.tar`` members; later ones write an OCI layout inside the tar and a
  ``manifest.json`` pointing into ``blobs/``. Both are read.
* an OCI image layout, as a directory or a tar: ``index.json`` -> image manifests (through
  nested indexes, picking the host's platform) -> config and layer blobs under
  ``blobs/<algorithm>/<hex>``.

A tar is read in one pass, whatever order its members come in: layers are indexed when they
arrive (:func:`dockwise.image.layers.index_layer`), small JSON members are kept, and the
images are assembled at the end, with the layer order taken from the manifest, never from the
tar. Nothing is extracted: member names are only looked up in dictionaries, and the only
paths ever opened are blobs of an OCI directory, named by digests checked against the OCI
digest grammar. Layers are gzip, zstd (with the ``zstandard`` package), xz, bzip2 or plain,
told by their first bytes.

Errors (:class:`~dockwise.image.ImageError`, one line naming the file): not a tar, truncated,
no manifest, a manifest naming a config or layer the archive does not hold, malformed JSON.
"""

from __future__ import annotations

import hashlib
import json
import platform
import posixpath
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from dockwise.image import ImageError
from dockwise.image.layers import MAX_LAYER_ENTRIES, LayerIndex, clean_path, index_layer
from dockwise.image.tarstream import (
    BLOCK,
    Readable,
    Source,
    TarFormatError,
    TruncatedError,
    checksum_ok,
    decompression_errors,
    entries,
    payload,
)

#: Largest JSON member kept (configs and manifests are kilobytes; this is a sanity bound).
MAX_JSON = 64 << 20
#: The most JSON bytes kept from one archive, all members together.
MAX_JSON_TOTAL = 2 * MAX_JSON
#: The most layers one image may list. Docker's overlay2 driver stops at 128 (the kernel's
#: stacking limit); an archive listing thousands is hostile, not an image.
MAX_LAYERS = 1024
_DIGEST_RE = re.compile(r"[a-z0-9]+(?:[+._-][a-z0-9]+)*:[a-zA-Z0-9=_-]+")
_HEX_RE = re.compile(r"(?:^|[/:])([a-f0-9]{64})(?:\.json)?$")
_INDEX_TYPES = frozenset({
    "application/vnd.oci.image.index.v1+json",
    "application/vnd.docker.distribution.manifest.list.v2+json",
})
_LAYER_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.zst", ".tar.xz")
_GO_ARCH = {"x86_64": "amd64", "amd64": "amd64", "aarch64": "arm64", "arm64": "arm64",
            "armv7l": "arm", "ppc64le": "ppc64le", "s390x": "s390x", "riscv64": "riscv64",
            "i386": "386", "i686": "386"}


class ArchiveImage:
    """One image read from an archive.

    Attributes:
        id: the image id, ``sha256:`` and the digest of its config.
        tags: repository tags the archive records (``["app:1.0"]``), possibly empty.
        config: the image config (JSON object): ``history``, ``rootfs``, ``config``...
        layers: the layers, bottom first, in the manifest's order.
    """

    __slots__ = ("config", "id", "layers", "tags")

    def __init__(self, id: str, tags: Iterable[str], config: dict[str, Any],
                 layers: list[LayerIndex]) -> None:
        self.id = id
        self.tags = tuple(tags)
        self.config = config
        self.layers = layers

    def __repr__(self) -> str:
        return f"ArchiveImage({self.id[:19]}, tags={list(self.tags)}, {len(self.layers)} layers)"

    @property
    def history(self) -> list[dict[str, Any]]:
        """The config's history entries, oldest first (``[]`` when absent)."""
        hist = self.config.get("history")
        return [h for h in hist if isinstance(h, dict)] if isinstance(hist, list) else []

    @property
    def diff_ids(self) -> list[str]:
        """``rootfs.diff_ids`` from the config."""
        rootfs = self.config.get("rootfs")
        ids = rootfs.get("diff_ids") if isinstance(rootfs, dict) else None
        return [str(i) for i in ids] if isinstance(ids, list) else []

    @property
    def label(self) -> str:
        """The first tag, else the short id."""
        return self.tags[0] if self.tags else self.id.removeprefix("sha256:")[:12]


_Json = tuple[bytes, Any]


def blob_name(digest: str) -> str:
    """``sha256:ab..`` -> ``blobs/sha256/ab..`` (the OCI layout path).

    Raises:
        ImageError: ``digest`` is not a digest (so it can never name a path outside
            ``blobs/``).
    """
    if not isinstance(digest, str) or not _DIGEST_RE.fullmatch(digest):
        raise ImageError(f"invalid digest {digest!r}")
    algorithm, _, hex_ = digest.partition(":")
    return f"blobs/{algorithm}/{hex_}"


def _parse_json(raw: bytes, what: str) -> Any:
    try:
        return json.loads(raw)
    except (ValueError, UnicodeDecodeError) as exc:
        raise ImageError(f"{what} is not valid JSON ({exc})") from None
    except RecursionError:  # the json module recurses once per nested array or object
        raise ImageError(f"{what} is not valid JSON (nested too deeply)") from None


def _is_json_blob(head: bytes) -> bool:
    """A blob starting like JSON that is neither a tar nor compressed data."""
    if len(head) == BLOCK and checksum_ok(head):
        return False
    return head.lstrip()[:1] in (b"{", b"[")


def read_archive(path: Path) -> list[ArchiveImage]:
    """Every image in a ``docker save`` tar, an OCI layout tar, or an OCI layout directory.

    Raises:
        ImageError: unreadable, not an image archive, truncated, or inconsistent.
    """
    if path.is_dir():
        return _read_oci_dir(path)
    try:
        fh = path.open("rb")
    except OSError as exc:
        raise ImageError(f"{path}: cannot open ({exc.strerror or exc})") from None
    with fh:
        size = path.stat().st_size
        return read_stream(fh, str(path), size=size)


def read_stream(fileobj: Readable, label: str, size: int | None = None) -> list[ArchiveImage]:
    """Every image in an image archive tar read from ``fileobj`` (anything with ``read``).

    Args:
        fileobj: the tar stream (a file, or the engine's ``save()`` output).
        label: how to name the source in messages (a path, ``image app:1``).
        size: the stream's length when it is a seekable file (payloads are then skipped by
            seeking).

    Raises:
        ImageError: not a tar, truncated, not an image archive, or inconsistent.
    """
    src = Source(fileobj, size)
    jsons: dict[str, _Json] = {}
    layers: dict[str, LayerIndex] = {}
    aliases: dict[str, str] = {}
    bad_data = decompression_errors()
    current = "the archive"
    json_total = 0
    try:
        for entry in entries(src):
            name = clean_path(entry.name)
            current = name
            if entry.type == b"2":
                aliases[name] = clean_path(posixpath.normpath(
                    posixpath.join(posixpath.dirname(name), entry.linkname)))
                continue
            if entry.type == b"1":
                aliases[name] = clean_path(entry.linkname)
                continue
            if entry.type not in (b"0", b"\0", b"7"):
                continue
            body = payload(entry)
            is_json = name.endswith(".json") or name == "oci-layout"
            if is_json or (name.startswith("blobs/") and entry.size <= MAX_JSON and
                           _is_json_blob(body.peek(BLOCK))):
                if entry.size <= MAX_JSON:
                    json_total += entry.size
                    if json_total > MAX_JSON_TOTAL:
                        raise ImageError(f"{label}: more than {MAX_JSON_TOTAL:,} bytes of "
                                         "JSON documents; not an image archive")
                    raw = body.read()
                    jsons[name] = (raw, _parse_json(raw, f"{label}: {name}"))
                continue
            if name.startswith("blobs/") or name.endswith(_LAYER_SUFFIXES):
                try:
                    layers[name] = index_layer(body, name)
                except TruncatedError:
                    raise
                except TarFormatError as exc:
                    raise ImageError(f"{label}: layer {name}: {exc}") from None
                except bad_data as exc:
                    raise ImageError(f"{label}: layer {name}: corrupt compressed data "
                                     f"({exc})") from None
    except TruncatedError:
        raise ImageError(f"{label}: truncated archive (the data ends inside {current})") from None
    except TarFormatError as exc:
        where = "" if current == "the archive" else f" (at {current})"
        raise ImageError(f"{label}: {exc}{where}") from None

    def resolve(name: str) -> str:
        seen = 0
        while name in aliases and seen < 40:
            name = aliases[name]
            seen += 1
        return name

    return _assemble(label, lambda n: jsons.get(resolve(n)), lambda n: layers.get(resolve(n)))


def _read_oci_dir(root: Path) -> list[ArchiveImage]:
    label = str(root)
    cache: dict[str, LayerIndex] = {}
    bad_data = decompression_errors()

    def file_for(name: str) -> Path | None:
        # ``name`` is "index.json" or blob_name(<validated digest>): never outside root
        path = root.joinpath(*name.split("/"))
        return path if path.is_file() else None

    def get_json(name: str) -> _Json | None:
        path = file_for(name)
        if path is None:
            return None
        try:
            if path.stat().st_size > MAX_JSON:
                raise ImageError(f"{label}: {name} is too large for a JSON document")
            raw = path.read_bytes()
        except OSError as exc:
            raise ImageError(f"{label}: cannot read {name} ({exc.strerror or exc})") from None
        return raw, _parse_json(raw, f"{label}: {name}")

    def get_layer(name: str) -> LayerIndex | None:
        if name in cache:
            return cache[name]
        path = file_for(name)
        if path is None:
            return None
        try:
            fh = path.open("rb")
            size = path.stat().st_size
        except OSError as exc:
            raise ImageError(f"{label}: cannot read {name} ({exc.strerror or exc})") from None
        try:
            with fh:
                index = index_layer(Source(fh, size), name)
        except TruncatedError:
            raise ImageError(f"{label}: layer {name} is truncated") from None
        except TarFormatError as exc:
            raise ImageError(f"{label}: layer {name}: {exc}") from None
        except bad_data as exc:
            raise ImageError(f"{label}: layer {name}: corrupt compressed data ({exc})") from None
        cache[name] = index
        return index

    if file_for("index.json") is None:
        raise ImageError(f"{label}: not an OCI image layout (no index.json)")
    return _assemble(label, get_json, get_layer)


def _assemble(label: str, get_json: Callable[[str], _Json | None],
              get_layer: Callable[[str], LayerIndex | None]) -> list[ArchiveImage]:
    manifest = get_json("manifest.json")
    if manifest is not None:
        return _docker_images(label, manifest[1], get_json, get_layer)
    index = get_json("index.json")
    if index is not None:
        return _oci_images(label, index[1], get_json, get_layer)
    raise ImageError(f"{label}: not an image archive (no manifest.json or index.json)")


def _config_of(label: str, name: str, get_json: Callable[[str], _Json | None],
               digest: str | None = None) -> tuple[str, dict[str, Any]]:
    found = get_json(name)
    if found is None:
        raise ImageError(f"{label}: the manifest names config {name}, which is not in the "
                         "archive")
    raw, config = found
    if not isinstance(config, dict):
        raise ImageError(f"{label}: config {name} is not a JSON object")
    image_id = digest or "sha256:" + hashlib.sha256(raw).hexdigest()
    return image_id, config


def _layers_of(label: str, names: list[str], image: str,
               get_layer: Callable[[str], LayerIndex | None],
               digests: list[str] | None = None) -> list[LayerIndex]:
    if len(names) > MAX_LAYERS:
        raise ImageError(f"{label}: the manifest of {image} lists {len(names)} layers; "
                         f"dockwise reads at most {MAX_LAYERS} (docker's overlay2 stacks "
                         "at most 128)")
    out = []
    paths = 0
    for i, name in enumerate(names):
        layer = get_layer(name)
        if layer is None:
            raise ImageError(f"{label}: the manifest of {image} names layer {i + 1} ({name}), "
                             "which is not in the archive")
        paths += layer.members
        if paths > MAX_LAYER_ENTRIES:  # a layer listed again counts again: it is analysed again
            raise ImageError(f"{label}: the layers of {image} hold more than "
                             f"{MAX_LAYER_ENTRIES:,} entries together")
        out.append(layer)
        if digests and i < len(digests) and not layer.digest:
            layer.digest = digests[i]
    return out


def _docker_images(label: str, manifest: Any, get_json: Callable[[str], _Json | None],
                   get_layer: Callable[[str], LayerIndex | None]) -> list[ArchiveImage]:
    if not isinstance(manifest, list):
        raise ImageError(f"{label}: manifest.json is not a list of images")
    images = []
    for item in manifest:
        if not isinstance(item, dict) or not isinstance(item.get("Config"), str) or \
                not isinstance(item.get("Layers"), list):
            raise ImageError(f"{label}: manifest.json has an entry without Config and Layers")
        tags = [t for t in item.get("RepoTags") or () if isinstance(t, str)]
        config_name = clean_path(item["Config"])
        m = _HEX_RE.search(config_name)
        image_id, config = _config_of(label, config_name, get_json,
                                      f"sha256:{m.group(1)}" if m else None)
        what = tags[0] if tags else image_id[7:19]
        layer_names = [clean_path(str(n)) for n in item["Layers"]]
        image = ArchiveImage(image_id, tags, config, [])
        image.layers = _layers_of(label, layer_names, what, get_layer, image.diff_ids)
        images.append(image)
    return images


def host_platform() -> tuple[str, str]:
    """``("linux", <GOARCH of this machine>)``: the platform picked from a multi-platform
    index."""
    return "linux", _GO_ARCH.get(platform.machine().lower(), platform.machine().lower())


def _pick_manifest(descriptors: list[Any]) -> dict[str, Any] | None:
    """From an index's descriptors, the host platform's image manifest (attestations
    skipped), else the first image manifest."""
    os_, arch = host_platform()
    candidates = []
    for d in descriptors:
        if not isinstance(d, dict):
            continue
        annotations = d.get("annotations") or {}
        if isinstance(annotations, dict) and \
                annotations.get("vnd.docker.reference.type") == "attestation-manifest":
            continue
        candidates.append(d)
    for d in candidates:
        plat = d.get("platform") or {}
        if isinstance(plat, dict) and plat.get("os") == os_ and plat.get("architecture") == arch:
            return d
    return candidates[0] if candidates else None


def _oci_images(label: str, index: Any, get_json: Callable[[str], _Json | None],
                get_layer: Callable[[str], LayerIndex | None]) -> list[ArchiveImage]:
    if not isinstance(index, dict) or not isinstance(index.get("manifests"), list):
        raise ImageError(f"{label}: index.json has no manifests list")
    images = []
    for top in index["manifests"]:
        if not isinstance(top, dict):
            continue
        annotations = top.get("annotations") or {}
        tag = None
        if isinstance(annotations, dict):
            tag = annotations.get("io.containerd.image.name") or \
                annotations.get("org.opencontainers.image.ref.name")
        descriptor: dict[str, Any] | None = top
        depth = 0
        manifest: Any = None
        while descriptor is not None and depth < 8:
            depth += 1
            name = _blob(label, descriptor.get("digest"))
            found = get_json(name)
            if found is None:
                raise ImageError(f"{label}: index.json names {descriptor.get('digest')}, "
                                 "which is not in the layout")
            manifest = found[1]
            if not isinstance(manifest, dict):
                raise ImageError(f"{label}: {name} is not a JSON object")
            media = descriptor.get("mediaType") or manifest.get("mediaType")
            if media in _INDEX_TYPES or "manifests" in manifest:
                descriptor = _pick_manifest(manifest.get("manifests") or [])
                manifest = None
                continue
            break
        if not isinstance(manifest, dict) or not isinstance(manifest.get("config"), dict):
            continue
        config_digest = manifest["config"].get("digest")
        image_id, config = _config_of(label, _blob(label, config_digest), get_json,
                                      str(config_digest))
        layer_descs = manifest.get("layers") or []
        if not isinstance(layer_descs, list):
            raise ImageError(f"{label}: image manifest has no layers list")
        names = [_blob(label, d.get("digest") if isinstance(d, dict) else None)
                 for d in layer_descs]
        what = tag or image_id[7:19]
        image = ArchiveImage(image_id, [tag] if tag else [], config, [])
        image.layers = _layers_of(label, names, what, get_layer, image.diff_ids)
        images.append(image)
    if not images:
        raise ImageError(f"{label}: index.json lists no image manifest")
    return images


def _blob(label: str, digest: Any) -> str:
    try:
        return blob_name(digest)
    except ImageError as exc:
        raise ImageError(f"{label}: {exc}") from None


def select_image(images: list[ArchiveImage], ref: str | None, label: str) -> ArchiveImage:
    """The image ``ref`` names (a tag, full or without ``docker.io/library/``, or an id
    prefix), or the only image when ``ref`` is ``None``.

    Raises:
        ImageError: no such image, or several and no ``ref``.
    """
    if ref is None:
        if len(images) == 1:
            return images[0]
        names = ", ".join(i.label for i in images)
        raise ImageError(f"{label} holds {len(images)} images ({names}); choose one with "
                         "--image")
    wanted = _short_ref(ref)
    for image in images:
        if any(_short_ref(t) == wanted for t in image.tags):
            return image
    bare = ref.removeprefix("sha256:")
    if len(bare) >= 4:
        for image in images:
            if image.id.removeprefix("sha256:").startswith(bare):
                return image
    raise ImageError(f"{label} holds no image {ref!r}")


def _short_ref(ref: str) -> str:
    for prefix in ("docker.io/library/", "docker.io/", "index.docker.io/library/"):
        if ref.startswith(prefix):
            ref = ref[len(prefix):]
            break
    if ":" not in ref.rpartition("/")[2] and "@" not in ref:
        ref += ":latest"
    return ref
