"""Which files under a directory are Dockerfiles.

A file is a Dockerfile when its name is ``Dockerfile`` or ``Containerfile`` (any case), ends in
``.Dockerfile``/``.dockerfile``, or starts with ``Dockerfile.``/``Containerfile.`` (but not the
``Dockerfile.dockerignore`` files BuildKit reads). Directories are searched recursively, in
sorted order, skipping ``.git``, ``node_modules`` and ``vendor``; symbolic links to directories
are not followed. Files named explicitly are always linted, whatever their name.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator
from pathlib import Path

from dockwise.record import record

SKIP_DIRS = frozenset({".git", "node_modules", "vendor", ".hg", ".svn"})
_PATTERNS = ("dockerfile", "containerfile", "*.dockerfile", "dockerfile.*", "containerfile.*")


def is_dockerfile_name(name: str) -> bool:
    """``True`` for names discovery treats as Dockerfiles."""
    lower = name.lower()
    if lower.endswith(".dockerignore"):
        return False
    return any(fnmatch.fnmatchcase(lower, p) for p in _PATTERNS)


@record
class Problem:
    """A path that could not be searched: ``path`` and a one-line ``message``."""

    path: str
    message: str


def discover(paths: list[str]) -> tuple[list[Path], list[Problem]]:
    """Expand command-line paths into files to lint.

    Args:
        paths: files and directories as given (``-`` is handled by the caller).

    Returns:
        ``(files, problems)``: files in the order found (directories sorted), each once;
        problems for missing paths, unreadable directories and directories without
        Dockerfiles.
    """
    files: list[Path] = []
    problems: list[Problem] = []
    seen: set[Path] = set()
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = list(_walk(path, problems))
            if not found:
                problems.append(Problem(raw, "no Dockerfiles found in this directory"))
            for f in found:
                key = f.resolve()
                if key not in seen:
                    seen.add(key)
                    files.append(f)
        elif path.exists() or path.is_symlink():
            key = path.resolve()
            if key not in seen:
                seen.add(key)
                files.append(path)
        else:
            problems.append(Problem(raw, "no such file or directory"))
    return files, problems


def _walk(root: Path, problems: list[Problem]) -> Iterator[Path]:
    def onerror(err: OSError) -> None:
        problems.append(Problem(err.filename or str(root),
                                f"cannot read directory: {err.strerror or err}"))

    for dirpath, dirnames, filenames in os.walk(root, onerror=onerror):
        dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
        for name in sorted(filenames):
            if is_dockerfile_name(name):
                yield Path(dirpath) / name
