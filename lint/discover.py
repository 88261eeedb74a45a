"""Which files to lint: command-line paths expanded, and which names are Dockerfiles.

A file is a Dockerfile when its name is ``Dockerfile`` or ``Containerfile`` (any case), ends in
``.Dockerfile``/``.dockerfile``, or starts with ``Dockerfile.``/``Containerfile.`` (but not
``Dockerfile.dockerignore``, which BuildKit reads as an ignore file, nor documentation,
templates, backups and other files whose extension says what they are: ``Dockerfile.md``,
``Dockerfile.j2``, ``Dockerfile.orig``; see :data:`NOT_DOCKERFILE_EXTENSIONS`). Files named
explicitly are always linted, whatever their name (unless ``--exclude`` matches them).
Directories are searched by :mod:`dockwise.walk` (recursively, honouring ``.gitignore``), which
is imported only when a directory is given or ``--exclude`` is used.
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Sequence
from pathlib import Path

from dockwise.record import record

SKIP_DIRS = frozenset({".git", "node_modules", "vendor", ".hg", ".svn"})
_PATTERNS = ("dockerfile", "containerfile", "*.dockerfile", "dockerfile.*", "containerfile.*")

#: pre-commit's ``files`` regex for the same names (``.pre-commit-hooks.yaml`` uses it; a test
#: checks that it agrees with :func:`is_dockerfile_name`).
PRE_COMMIT_FILES = r"(?i)(^|/)((docker|container)file(\.[^/]*)?|[^/]*\.dockerfile)$"

#: Extensions that make ``Dockerfile.<ext>`` something else: documentation, templates a tool
#: renders into a Dockerfile, editor and patch leftovers, other file types, and BuildKit's
#: per-Dockerfile ``.dockerignore``.
NOT_DOCKERFILE_EXTENSIONS = frozenset({
    "dockerignore", "md", "markdown", "rst", "txt", "adoc", "html",
    "j2", "jinja", "jinja2", "tmpl", "tpl", "template", "gotmpl", "mustache", "hbs", "erb",
    "in", "orig", "bak", "backup", "old", "swp", "swo", "rej", "patch", "diff", "log",
    "sh", "bash", "py", "yml", "yaml", "json", "toml", "lock", "sum", "ini", "cfg",
})
PRE_COMMIT_EXCLUDE = (r"(?i)\.(" + "|".join(sorted(NOT_DOCKERFILE_EXTENSIONS)) + r")$")


def is_dockerfile_name(name: str) -> bool:
    """``True`` for names discovery treats as Dockerfiles (see the module docstring)."""
    lower = name.lower()
    if "." in lower and lower.rsplit(".", 1)[1] in NOT_DOCKERFILE_EXTENSIONS:
        return False
    return any(fnmatch.fnmatchcase(lower, p) for p in _PATTERNS)


class PatternError(ValueError):
    """An ``--exclude`` pattern that is not valid git wildmatch syntax."""


@record
class Problem:
    """A path that could not be searched or linted.

    Attributes:
        path: the path as found (or as given on the command line).
        message: one line saying what is wrong.
        fatal: ``True`` when an input could not be read (the exit code becomes 2);
            ``False`` for notices that do not change it (a symlink loop, a broken link).
    """

    path: str
    message: str
    fatal: bool = True


def discover(paths: Sequence[str], *, exclude: Sequence[str] = (), gitignore: bool = True,
             cwd: Path | None = None) -> tuple[list[Path], list[Problem]]:
    """Expand command-line paths into files to lint.

    Args:
        paths: files and directories as given (``-`` is handled by the caller).
        exclude: git wildmatch patterns (``--exclude``), relative to ``cwd``: files and
            directories they match are skipped, files named explicitly included.
        gitignore: honour the repositories' ``.gitignore`` and ``.git/info/exclude`` rules
            while searching directories.
        cwd: the directory ``exclude`` patterns are relative to (the working directory).

    Returns:
        ``(files, problems)``: files in the order found (directories searched depth first in
        sorted order), each once even when reached twice; problems for missing paths,
        unreadable directories, directories without Dockerfiles (fatal) and for symlink loops
        and broken links (not fatal).

    Raises:
        PatternError: an ``exclude`` pattern is invalid. File-system errors never raise; they
            become problems.
    """
    found = Found()
    walker = None
    if exclude or any(os.path.isdir(p) for p in paths):
        from dockwise.walk import Walker

        walker = Walker(found, exclude, gitignore, (cwd or Path.cwd()).absolute())
    for raw in paths:
        path = Path(raw)
        if walker is not None and path.is_dir():
            before = len(found.files)
            walker.search(path)
            if len(found.files) == before and not walker.excluded(path, is_dir=True):
                found.problems.append(Problem(raw, "no Dockerfiles found in this directory"))
        elif path.exists() or path.is_symlink():
            if walker is None or not walker.excluded(path, is_dir=False):
                found.add(path)
        else:
            found.problems.append(Problem(raw, "no such file or directory"))
    return found.files, found.problems


class Found:
    """Files to lint, each once (by resolved path), in the order added, and the problems met."""

    def __init__(self) -> None:
        self.files: list[Path] = []
        self.problems: list[Problem] = []
        self._seen: set[str] = set()

    def add(self, path: Path) -> None:
        """Add ``path`` unless the same file was added already (under any name)."""
        key = os.path.realpath(path)
        if key not in self._seen:
            self._seen.add(key)
            self.files.append(path)
