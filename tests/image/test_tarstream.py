"""The streaming tar reader against archives written by Python's tarfile in every format."""

from __future__ import annotations

import bz2
import gzip
import io
import lzma
import tarfile

import pytest

from dockwise.image.tarstream import (
    Limited,
    Source,
    TarFormatError,
    TruncatedError,
    decompressed,
    decompression_errors,
    entries,
    number,
    payload,
)

from .kit import compress, layer_tar


def _names(data: bytes) -> list[tuple[str, bytes, int, str]]:
    return [(e.name, e.type, e.size, e.linkname) for e in entries(Source(io.BytesIO(data)))]


@pytest.mark.parametrize("fmt", [tarfile.USTAR_FORMAT, tarfile.GNU_FORMAT, tarfile.PAX_FORMAT])
def test_names_types_sizes_and_links_in_every_format(fmt: int) -> None:
    data = layer_tar({"etc": "dir", "etc/passwd": b"root:x:0:0\n", "bin/sh": ("symlink", "busybox"),
                      "bin/ash": ("hardlink", "bin/busybox")}, fmt=fmt)
    assert _names(data) == [("etc/", b"5", 0, ""), ("etc/passwd", b"0", 11, ""),
                            ("bin/sh", b"2", 0, "busybox"), ("bin/ash", b"1", 0, "bin/busybox")]


def test_long_names_gnu_and_pax_and_ustar_prefix() -> None:
    long = "usr/lib/" + "x" * 120 + "/" + "y" * 90 + ".so"
    link_target = "/opt/" + "z" * 150
    for fmt in (tarfile.GNU_FORMAT, tarfile.PAX_FORMAT):
        data = layer_tar({long: b"abc", "l": ("symlink", link_target)}, fmt=fmt)
        assert _names(data) == [(long, b"0", 3, ""), ("l", b"2", 0, link_target)]
    prefixed = "a" * 90 + "/" + "b" * 90  # fits ustar's prefix + name fields
    assert _names(layer_tar({prefixed: b""}, fmt=tarfile.USTAR_FORMAT))[0][0] == prefixed


def test_pax_unicode_name_and_size() -> None:
    data = layer_tar({"srv/données/ünï.txt": b"12345"}, fmt=tarfile.PAX_FORMAT)
    assert _names(data) == [("srv/données/ünï.txt", b"0", 5, "")]


def test_payload_is_readable_and_the_rest_is_skipped() -> None:
    data = layer_tar({"a": b"first", "b": b"x" * 5000, "c": b"third"})
    src = Source(io.BytesIO(data))
    seen = {}
    for entry in entries(src):
        if entry.name == "a":
            seen["a"] = payload(entry).read()
        elif entry.name == "b":
            seen["b"] = payload(entry).read(10)  # partly read: the rest is skipped
        else:
            seen["c"] = payload(entry).read()
    assert seen == {"a": b"first", "b": b"x" * 10, "c": b"third"}


def test_payload_read_without_size_returns_the_whole_member_from_a_trickling_stream() -> None:
    class Trickle(io.RawIOBase):
        def __init__(self, data: bytes) -> None:
            self._data = io.BytesIO(data)

        def read(self, n: int = -1) -> bytes:
            return self._data.read(3)

    body = b"0123456789" * 300
    got = [payload(entry).read() for entry in entries(Source(Trickle(layer_tar(
        {"config.json": body}))))]
    assert got == [body]


def test_seekable_source_skips_by_seeking_and_detects_truncation() -> None:
    data = layer_tar({"big": 100_000, "small": b"ok"})
    assert [e.name for e in entries(Source(io.BytesIO(data), size=len(data)))] == ["big", "small"]
    cut = data[:5000]  # inside big's payload
    with pytest.raises(TruncatedError):
        list(entries(Source(io.BytesIO(cut), size=len(cut))))


@pytest.mark.parametrize("cut", [100, 512 + 300, 1024 + 10])
def test_truncated_stream(cut: int) -> None:
    data = layer_tar({"a": 2000, "b": b"x"})
    with pytest.raises(TruncatedError):
        list(entries(Source(io.BytesIO(data[:cut]))))


def test_clean_end_without_end_of_archive_blocks_is_accepted() -> None:
    data = layer_tar({"a": b"1"})
    body = data[:1024]  # header + one data block, no zero blocks
    assert [e.name for e in entries(Source(io.BytesIO(body)))] == ["a"]


@pytest.mark.parametrize("junk", [b"not a tar at all" * 100, bytes(range(256)) * 4,
                                  b"{\"manifests\": []}" + bytes(600)])
def test_not_a_tar(junk: bytes) -> None:
    with pytest.raises(TarFormatError, match="not a tar"):
        list(entries(Source(io.BytesIO(junk))))


def test_corrupt_second_header() -> None:
    data = bytearray(layer_tar({"a": b"1", "b": b"2"}))
    data[1024 + 257:1024 + 263] = b"garbag"  # the magic of b's header
    with pytest.raises(TarFormatError, match="corrupt"):
        list(entries(Source(io.BytesIO(bytes(data)))))


def test_base256_number() -> None:
    assert number(b"\x80" + (8 * 2**30).to_bytes(11, "big")) == 8 * 2**30
    assert number(b"0000644\x00") == 0o644
    assert number(b"   12 \x00\x00") == 0o12
    with pytest.raises(TarFormatError):
        number(b"12x4")


@pytest.mark.parametrize("how", ["gzip", "zstd", "xz", "bzip2", None])
def test_decompression_by_magic_bytes(how: str | None) -> None:
    raw = layer_tar({"a": b"hello", "b": 70_000})
    if how == "xz":
        stored = lzma.compress(raw)
    elif how == "bzip2":
        stored = bz2.compress(raw)
    else:
        stored = compress(raw, how)
    src = Source(io.BytesIO(stored))
    assert [(e.name, e.size) for e in entries(decompressed(src))] == [("a", 5), ("b", 70_000)]


def test_limited_window_reads_an_inner_tar_in_place() -> None:
    inner = layer_tar({"x": b"12", "y": 3000})
    outer = inner + b"TRAILING-BYTES"
    src = Source(io.BytesIO(outer))
    window = Limited(src, len(inner))
    assert [e.name for e in entries(window)] == ["x", "y"]
    window.skip_rest()
    assert src.read(100) == b"TRAILING-BYTES"


def test_inner_tar_longer_than_its_window_is_truncated() -> None:
    inner = layer_tar({"x": 3000})
    src = Source(io.BytesIO(inner))
    with pytest.raises(TruncatedError):
        list(entries(Limited(src, 1024)))


def test_corrupt_gzip_raises_a_decompression_error() -> None:
    stored = gzip.compress(layer_tar({"a": 10_000}))
    broken = stored[:40] + bytes(len(stored) - 40)
    with pytest.raises(decompression_errors()):
        list(entries(decompressed(Source(io.BytesIO(broken)))))


@pytest.mark.parametrize("size", ["-1536", "-512", "-1"])
def test_negative_pax_size_is_corrupt_not_a_loop(size: str) -> None:
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as tar:
        info = tarfile.TarInfo("config.json")
        info.pax_headers = {"size": size}
        tar.addfile(info, io.BytesIO(b""))
    with pytest.raises(TarFormatError, match="negative"):
        list(entries(Source(io.BytesIO(buf.getvalue()))))


def test_negative_octal_size_is_corrupt() -> None:
    block = bytearray(layer_tar({"a": b"x"})[:512])
    block[124:136] = b"-0000000001\0"
    block[148:156] = b"        "
    block[148:155] = f"{sum(block):06o}\0".encode()
    with pytest.raises(TarFormatError, match="negative"):
        list(entries(Source(io.BytesIO(bytes(block) + bytes(1024)))))


@pytest.mark.parametrize("type_", [tarfile.DIRTYPE, tarfile.SYMTYPE, tarfile.LNKTYPE,
                                   tarfile.CHRTYPE, tarfile.BLKTYPE, tarfile.FIFOTYPE])
def test_the_size_field_of_a_header_only_entry_is_ignored(type_: bytes) -> None:
    # Go's archive/tar (so docker) reads no data after a link, device, directory or FIFO
    # header whatever its size field says; skipping it would swallow the next entries
    odd = tarfile.TarInfo("odd")
    odd.type = type_
    odd.linkname = "target" if type_ in (tarfile.SYMTYPE, tarfile.LNKTYPE) else ""
    header = bytearray(odd.tobuf(tarfile.USTAR_FORMAT))
    header[124:136] = b"%011o\0" % 4096  # size field: 4096 bytes that are not there
    header[148:156] = b" " * 8
    header[148:156] = b"%06o\0 " % sum(header)
    rest = layer_tar({"after": b"12345"}, fmt=tarfile.USTAR_FORMAT)
    name = "odd/" if type_ == tarfile.DIRTYPE else "odd"
    assert _names(bytes(header) + rest) == [(name, type_, 0, odd.linkname),
                                            ("after", b"0", 5, "")]
    with tarfile.open(fileobj=io.BytesIO(bytes(header) + rest)) as tar:
        members = tar.getmembers()
    assert [m.name for m in members] == ["odd", "after"]  # Python's tarfile agrees


def test_zstd_cut_anywhere_is_truncated_not_shorter() -> None:
    import zstandard

    raw = layer_tar({"a": b"x" * 100_000, "b": b"y"})
    stored = zstandard.ZstdCompressor().compress(raw)
    for cut in (6, 20, len(stored) // 2, len(stored) - 1):
        with pytest.raises(TruncatedError):
            list(entries(decompressed(Source(io.BytesIO(stored[:cut])))))
    assert [(e.name, e.size) for e in entries(decompressed(Source(io.BytesIO(stored))))] == \
        [("a", 100_000), ("b", 1)]


def test_zstd_frames_are_read_one_after_the_other() -> None:
    import zstandard

    raw = layer_tar({"a": b"x" * 100_000, "b": b"y"})
    c = zstandard.ZstdCompressor()
    stored = c.compress(raw[:5000]) + c.compress(raw[5000:70_000]) + c.compress(raw[70_000:])
    assert [(e.name, e.size) for e in entries(decompressed(Source(io.BytesIO(stored))))] == \
        [("a", 100_000), ("b", 1)]
    with pytest.raises(TruncatedError):
        list(entries(decompressed(Source(io.BytesIO(stored[:-2])))))


def test_a_zstd_bomb_is_read_in_bounded_memory() -> None:
    import tracemalloc

    import zstandard

    raw = layer_tar({"zeros": 400_000_000})  # 400 MB of zeros: about 13 kB compressed
    stored = zstandard.ZstdCompressor(level=19).compress(raw)
    assert len(stored) < 100_000
    tracemalloc.start()
    try:
        names = [(e.name, e.size) for e in entries(decompressed(Source(io.BytesIO(stored))))]
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert names == [("zeros", 400_000_000)]
    assert peak < 32_000_000  # 256-byte feeds of run-length blocks: 8 MiB each at most
