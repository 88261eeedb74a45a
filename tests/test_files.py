"""Reading inputs: the 32 MiB limit, special files, and what the CLI says about them."""

from __future__ import annotations

import contextlib
import errno
import io
import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from dockwise.cli import main
from dockwise.files import (
    MAX_DOCKERFILE_BYTES,
    MAX_INPUT_BYTES,
    is_regular_file,
    read_bytes,
    read_stream,
    read_text,
)


def test_limit_is_32_mib() -> None:
    assert MAX_INPUT_BYTES == 33_554_432


def test_a_file_of_exactly_the_limit_is_read(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_bytes(b"x" * 1000)
    assert read_bytes(f, limit=1000) == b"x" * 1000


def test_one_byte_over_the_limit_is_refused(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_bytes(b"x" * 1001)
    with pytest.raises(OSError) as info:
        read_bytes(f, limit=1000)
    assert info.value.errno == errno.EFBIG


def test_dev_zero_is_refused_not_read_forever() -> None:
    with pytest.raises(OSError) as info:
        read_bytes("/dev/zero")
    assert (info.value.errno, info.value.strerror) == (errno.EFBIG, "larger than 32 MiB")


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(OSError) as info:
        read_bytes(tmp_path)
    assert info.value.errno == errno.EISDIR


def test_a_fifo_without_writer_is_refused_at_once_when_regular_only(tmp_path: Path) -> None:
    fifo = tmp_path / "p"
    os.mkfifo(fifo)
    with pytest.raises(OSError) as info:  # would block forever without O_NONBLOCK
        read_bytes(fifo, regular_only=True)
    assert (info.value.errno, info.value.strerror) == (errno.EINVAL, "not a regular file")


@contextlib.contextmanager
def fed_fifo(path: Path, data: bytes) -> Iterator[Path]:
    """A named pipe at ``path`` that a thread writes ``data`` into, as ``<(...)`` does."""
    os.mkfifo(path)
    writer = threading.Thread(target=lambda: path.write_bytes(data))
    writer.start()
    try:
        yield path
    finally:
        writer.join(5)


def test_a_fifo_named_by_the_user_is_read(tmp_path: Path) -> None:
    with fed_fifo(tmp_path / "p", b"FROM scratch\n") as fifo:
        assert read_bytes(fifo) == b"FROM scratch\n"


def test_read_stream_limit() -> None:
    assert read_stream(io.BytesIO(b"abc"), limit=3) == b"abc"
    with pytest.raises(OSError) as info:
        read_stream(io.BytesIO(b"abcd"), limit=3)
    assert info.value.errno == errno.EFBIG


def test_read_stream_spans_several_chunks() -> None:
    data = bytes(range(256)) * 10_000  # 2.56 MB, three 1 MiB reads
    assert read_stream(io.BytesIO(data)) == data


def test_read_text_decodes_and_replaces(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_bytes(b"a\xffb")
    assert read_text(f, errors="replace") == "a\ufffdb"
    with pytest.raises(UnicodeDecodeError):
        read_text(f)


def test_is_regular_file(tmp_path: Path) -> None:
    f = tmp_path / "f"
    f.write_text("x")
    os.mkfifo(tmp_path / "p")
    assert is_regular_file(f)
    assert not is_regular_file(tmp_path)
    assert not is_regular_file(tmp_path / "p")
    assert not is_regular_file(tmp_path / "missing")
    assert not is_regular_file("bad\0name")


def test_lint_dev_zero_is_an_input_error() -> None:
    result = CliRunner().invoke(main, ["lint", "/dev/zero"])
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "dockwise: /dev/zero: cannot read file: larger than 1 MiB\n"


def test_lint_oversized_stdin_is_an_input_error() -> None:
    big = b"#" * (MAX_DOCKERFILE_BYTES + 1)
    result = CliRunner().invoke(main, ["lint", "-"], input=big)
    assert result.exit_code == 2
    assert result.stderr == "dockwise: -: cannot read standard input: larger than 1 MiB\n"


def test_a_dockerfile_of_exactly_1_mib_is_linted(tmp_path: Path) -> None:
    f = tmp_path / "Dockerfile"
    head = b"FROM alpine:latest\n"
    f.write_bytes(head + b"#" * (MAX_DOCKERFILE_BYTES - len(head) - 1) + b"\n")
    result = CliRunner().invoke(main, ["lint", "--select", "DL3007", str(f)])
    assert result.exit_code == 1, result.stderr
    assert result.stdout.startswith(f"{f}:1:13: DL3007 warning:")


def test_a_small_limit_is_given_in_bytes() -> None:
    with pytest.raises(OSError) as info:
        read_stream(io.BytesIO(b"abcd"), limit=3)
    assert info.value.strerror == "larger than 3 bytes"


def test_a_fifo_dockerignore_does_not_hang_an_audit(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "Dockerfile").write_text("FROM alpine:3.20\nCOPY . /app\nUSER 1000\n")
    os.mkfifo(tmp_path / ".dockerignore")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["lint", "--select", "DW301", "."])
    assert result.exit_code == 1, result.output
    assert result.stdout.startswith("Dockerfile:2:6: DW301 warning: the whole build context is "
                                    "copied and there is no .dockerignore")


def test_an_explicit_fifo_is_linted_like_process_substitution(tmp_path: Path) -> None:
    with fed_fifo(tmp_path / "Dockerfile", b"FROM alpine:latest\n") as fifo:
        result = CliRunner().invoke(main, ["lint", "--select", "DL3007", str(fifo)])
    assert result.exit_code == 1
    assert result.stdout == (f"{fifo}:1:13: DL3007 warning: image 'alpine:latest' uses the "
                             "'latest' tag; pin a version (latest-tag)\n")
