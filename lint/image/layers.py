"""The file index of one image layer, built from its tar stream in one pass.

A layer is a tar archive of the changes one build step made (OCI image spec, "layer
changesets"): added or changed files, directories and links, plus *whiteouts*: an empty file
``dir/.wh.name`` deletes ``dir/name`` (and everything below it) from the layers underneath,
and ``dir/.wh..wh..opq`` makes ``dir`` *opaque*: nothing from the layers underneath shows
through it. :class:`LayerIndex` keeps, per path, only the kind and the size, so memory grows
with the number of paths, never with the bytes.

Two sizes are kept, because two tools count differently:

* ``size``: what ``docker image inspect`` and ``docker images`` report for a layer the engine
  unpacked (moby's ``directory.Size`` over the layer directory): regular file sizes plus the
  length of each symlink's target; a hard link adds nothing (its inode is counted once);
  directories and whiteouts are 0.
* ``tar_size``: dive's layer size, the sum of the tar headers' size fields (symlinks 0).
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable

from dockwise.image.tarstream import ByteStream, TarFormatError, decompressed, entries

FILE, DIR, SYMLINK, HARDLINK, OTHER = "f", "d", "l", "h", "o"
_KINDS = {b"0": FILE, b"\0": FILE, b"7": FILE, b"5": DIR, b"2": SYMLINK, b"1": HARDLINK}
WHITEOUT_PREFIX = ".wh."
OPAQUE_MARKER = ".wh..wh..opq"
_AUFS_META_PREFIX = ".wh..wh."


def clean_path(name: str) -> str:
    """A member name as a path relative to the image root, as Go's ``path.Clean`` would make
    it, without a leading ``/`` (``./usr//bin/`` -> ``usr/bin``; the root is ``""``)."""
    if not (name.startswith((".", "/")) or name.endswith("/") or "//" in name or
            "/." in name):
        return name  # the common case: already clean
    if name.startswith("./"):
        name = name[2:]
    name = name.strip("/")
    if "//" in name or "/." in name or name.startswith("."):
        name = posixpath.normpath(name).lstrip("/")
        if name == ".":
            name = ""
    return name


def docker_size(kind: str, size: int) -> int:
    """The bytes docker counts for an entry stored as ``(kind, size)`` (a hard link is 0)."""
    return 0 if kind == HARDLINK else size


def dive_size(kind: str, size: int) -> int:
    """The bytes dive counts for an entry stored as ``(kind, size)`` (a symlink is 0)."""
    return 0 if kind == SYMLINK else size


class LayerIndex:
    """Every path one layer adds, changes or deletes.

    Attributes:
        name: where the layer came from (an archive member name or blob digest).
        digest: the layer's uncompressed digest (``diff_id``) when known, else ``""``.
        entries: path -> ``(kind, size)`` for every file, directory and link the layer
            stores, paths relative to the image root (``usr/bin/env``). ``kind`` is one of
            ``f`` (regular file), ``d``, ``l`` (symlink; ``size`` is the target's length in
            bytes), ``h`` (hard link; ``size`` as in the tar header) and ``o`` (devices,
            fifos). When a tar names a path twice the last entry wins, as when unpacking.
        whiteouts: paths of whiteout files (``etc/.wh.motd``), in archive order.
        opaque: directories this layer makes opaque (``var/cache/apk``).
        links: hard link path -> target path, both relative to the image root.
        size: bytes as docker counts them (see the module docstring).
        tar_size: bytes as dive counts them: the sum of every tar header's size field.
        members: number of tar members (``.`` excluded).
    """

    __slots__ = ("digest", "entries", "links", "members", "name", "opaque", "size", "tar_size",
                 "whiteouts")

    def __init__(self, name: str = "", digest: str = "") -> None:
        self.name = name
        self.digest = digest
        self.entries: dict[str, tuple[str, int]] = {}
        self.whiteouts: list[str] = []
        self.opaque: list[str] = []
        self.links: dict[str, str] = {}
        self.size = 0
        self.tar_size = 0
        self.members = 0

    def __repr__(self) -> str:
        return f"LayerIndex({self.name!r}, {len(self.entries)} paths, {self.size} bytes)"

    def add(self, name: str, type_: bytes, size: int, linkname: str = "") -> None:
        """Record one tar member (name as stored in the tar, type flag, header size, link
        target). Used by :func:`index_layer` and by tests building layers by hand."""
        path = clean_path(name)
        if not path:
            return
        self.members += 1
        self.tar_size += size
        if ".wh." in path:
            head, _, base = path.rpartition("/")
            if base == OPAQUE_MARKER:
                self.opaque.append(head)
                return
            if ("/" + path).find("/" + _AUFS_META_PREFIX) >= 0:
                return  # AUFS metadata (.wh..wh.plnk/...), not part of the file system
            if base.startswith(WHITEOUT_PREFIX):
                self.whiteouts.append(path)
                return
        kind = _KINDS.get(type_, OTHER)
        if kind == SYMLINK:
            size = len(linkname.encode("utf-8", "surrogateescape"))
        elif kind == HARDLINK:
            self.links[path] = clean_path(linkname)
        elif kind != FILE:
            size = 0
        entries = self.entries
        old = entries.get(path)
        if old is not None:
            self.size -= docker_size(*old)
        entries[path] = (kind, size)
        if kind != HARDLINK:
            self.size += size

    def bytes_under(self, prefixes: Iterable[str]) -> dict[str, int]:
        """Bytes (docker's count) this layer stores under each directory in ``prefixes``
        (paths relative to the root, no trailing ``/``); directories with nothing are left out.
        """
        return bytes_under(((p, k, s) for p, (k, s) in self.entries.items()), prefixes)


def bytes_under(items: Iterable[tuple[str, str, int]], prefixes: Iterable[str]
                ) -> dict[str, int]:
    """Sum ``(path, kind, size)`` items by the first of ``prefixes`` (directories relative to
    the root) each path lies under, docker's way (hard links count 0); empty ones left out."""
    wanted = [p.strip("/") for p in prefixes]
    out: dict[str, int] = {}
    for path, kind, size in items:
        if kind == HARDLINK or not size:
            continue
        for prefix in wanted:
            if path.startswith(prefix) and (len(path) == len(prefix) or
                                            path[len(prefix)] == "/"):
                out[prefix] = out.get(prefix, 0) + size
                break
    return out


def whiteout_target(whiteout: str) -> str:
    """The path a whiteout file deletes (``etc/.wh.motd`` -> ``etc/motd``)."""
    head, _, base = whiteout.rpartition("/")
    target = base[len(WHITEOUT_PREFIX):]
    return f"{head}/{target}" if head else target


def index_layer(stream: ByteStream, name: str = "", digest: str = "") -> LayerIndex:
    """Read one layer (a tar, possibly compressed) from ``stream`` and index it.

    Raises:
        TarFormatError: the layer is not a tar (or uses an unsupported compression), or has
            more than :data:`MAX_LAYER_ENTRIES` entries.
        TruncatedError: the layer data ends early.
    """
    index = LayerIndex(name, digest)
    add = index.add
    for count, entry in enumerate(entries(decompressed(stream)), 1):
        if count > MAX_LAYER_ENTRIES:
            raise TarFormatError(f"more than {MAX_LAYER_ENTRIES:,} entries in one layer")
        add(entry.name, entry.type, entry.size, entry.linkname)
    return index


#: The most tar entries one layer may hold, and (:mod:`dockwise.image.archive`) all the
#: layers of one image together. Memory grows with the number of paths: 400,000 took about
#: 0.7 GB. The largest real images hold a few hundred thousand files.
MAX_LAYER_ENTRIES = 1_000_000
