"""Reading input files with a size limit, and without hanging on special files.

Every file dockwise reads (Dockerfiles, configuration, ``.dockerignore``, ``.gitignore``,
``.dive-ci``) goes through :func:`read_bytes`, so ``/dev/zero`` named as a Dockerfile is an
error rather than an endless read, and a named pipe planted in a repository as its
``.dockerignore`` cannot stop an audit.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

#: The largest input dockwise reads, in bytes (32 MiB): configuration and ignore files (a
#: generated ``.gitignore`` can be large).
MAX_INPUT_BYTES = 32 * 1024 * 1024
#: The largest Dockerfile dockwise lints, in bytes (1 MiB). The biggest of the 524 Dockerfiles
#: in the corpus is 23 KiB. Linting costs grow with the number of shell words: a 10 MB RUN of
#: single letters took 74 s and 4.6 GB of memory, one of 1 MiB takes seconds.
MAX_DOCKERFILE_BYTES = 1024 * 1024


def _too_large(limit: int) -> OSError:
    mib = limit / (1024 * 1024)
    return OSError(errno.EFBIG, f"larger than {mib:g} MiB" if mib >= 1 else
                   f"larger than {limit:,} bytes")


def read_stream(stream: BinaryIO, limit: int = MAX_INPUT_BYTES) -> bytes:
    """Read ``stream`` to its end, at most ``limit`` bytes.

    Raises:
        OSError: the stream cannot be read, or holds more than ``limit`` bytes
            (``errno.EFBIG``, ``strerror`` "larger than 32 MiB").
    """
    chunks: list[bytes] = []
    total = 0
    while True:
        chunk = stream.read(min(1 << 20, limit + 1 - total))
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _too_large(limit)


def read_bytes(path: Path | str, *, limit: int = MAX_INPUT_BYTES,
               regular_only: bool = False) -> bytes:
    """The contents of the file at ``path``, at most ``limit`` bytes.

    Args:
        path: the file.
        limit: the most bytes to accept.
        regular_only: refuse anything but a regular file (for files dockwise finds by itself,
            such as ``.dockerignore``: a named pipe there would block forever). A file the user
            names is read whatever it is, so ``dockwise lint <(generate)`` works.

    Raises:
        OSError: the file cannot be opened or read; it is a directory (``EISDIR``); it is not a
            regular file and ``regular_only`` is set (``EINVAL``, "not a regular file"); or it
            holds more than ``limit`` bytes (``EFBIG``).
    """
    flags = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0)
    if regular_only:  # opening a FIFO without a writer would block
        flags |= getattr(os, "O_NONBLOCK", 0)
    fd = os.open(path, flags)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise OSError(errno.EISDIR, "is a directory")
        if regular_only and not stat.S_ISREG(info.st_mode):
            raise OSError(errno.EINVAL, "not a regular file")
        if stat.S_ISREG(info.st_mode) and info.st_size > limit:
            raise _too_large(limit)
        with os.fdopen(fd, "rb", closefd=False) as fh:
            return read_stream(fh, limit)
    finally:
        os.close(fd)


def read_text(path: Path | str, *, limit: int = MAX_INPUT_BYTES, regular_only: bool = False,
              errors: str = "strict") -> str:
    """:func:`read_bytes` decoded as UTF-8 with ``errors`` handling.

    Raises:
        OSError: as :func:`read_bytes`.
        UnicodeDecodeError: the file is not UTF-8 and ``errors`` is ``"strict"``.
    """
    return read_bytes(path, limit=limit, regular_only=regular_only).decode("utf-8", errors)


def is_regular_file(path: Path | str) -> bool:
    """``True`` when ``path`` is a regular file (following links); ``False`` for anything else,
    including a path that cannot be examined (no permission on a parent directory)."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except (OSError, ValueError):
        return False
