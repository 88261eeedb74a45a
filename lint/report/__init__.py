"""Reporters: one module per output format. A reporter formats findings; it decides nothing.

Every reporter module defines ``render(results, options) -> str`` over the same
:class:`~dockwise.engine.FileResult` list, so every format carries the same findings in the same
order (files in the order they were given or found, findings by position). Modules are imported
only when their format is used (``rich`` is not loaded for ``text``).

What several formats share (relative paths, fingerprints, documentation URLs, inputs that could
not be linted) is in :mod:`dockwise.report.common`.
"""

from __future__ import annotations

import contextlib
import importlib
import os
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dockwise.record import field, record

if TYPE_CHECKING:
    from dockwise.discover import Problem
    from dockwise.engine import FileResult
    from dockwise.findings import Rule

#: Format name -> module under ``dockwise.report``.
FORMATS = {
    "tty": "tty",
    "text": "text",
    "json": "json_format",
    "sarif": "sarif",
    "gitlab": "gitlab",
    "github": "github",
    "checkstyle": "checkstyle",
    "junit": "junit",
    "markdown": "markdown",
}
#: Formats that read the linted files' text (:attr:`ReportOptions.sources`): tty shows the
#: offending line; gitlab and sarif fingerprint it.
NEEDS_SOURCES = frozenset({"tty", "gitlab", "sarif"})
#: Formats meant to be read by people; ``--statistics`` is appended to them (machine-readable
#: formats get it on stderr, so their output stays parseable).
HUMAN_FORMATS = frozenset({"tty", "text", "markdown"})

@record
class ReportOptions:
    """Presentation settings shared by reporters.

    Attributes:
        color: use ANSI colour (tty only).
        width: terminal width for tty output, or ``None`` to detect.
        sources: file texts by reported path, for showing the offending line (tty) and
            fingerprinting it (gitlab, sarif); see :data:`NEEDS_SOURCES`.
        cwd: the directory paths are made relative to (gitlab, github, sarif).
        rules: the rules that could fire in this run (SARIF's ``tool.driver.rules``); empty
            means every built-in rule.
        problems: paths discovery could not search (reported by sarif, junit, markdown,
            github next to the files that could not be read).
        sarif_base: the directory SARIF artifact URIs are relative to (``--sarif-base``),
            else ``cwd``.
    """

    color: bool = False
    width: int | None = None
    sources: dict[str, str] = field(default_factory=dict)
    cwd: Path = field(default_factory=Path.cwd)
    rules: tuple[Rule, ...] = ()
    problems: tuple[Problem, ...] = ()
    sarif_base: Path | None = None


def render(fmt: str, results: Sequence[FileResult], options: ReportOptions) -> str:
    """Format ``results`` as ``fmt`` (a key of :data:`FORMATS`).

    Raises:
        KeyError: unknown format.
    """
    module = importlib.import_module(f"dockwise.report.{FORMATS[fmt]}")
    return str(module.render(results, options))


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same directory and a rename,
    so an interrupted run never leaves a partial report. The temporary file is removed on
    failure. Text that cannot be UTF-8 (a file name with undecodable bytes) is written as
    ``?``, so the report stays valid UTF-8.

    The report gets the permissions of the file it replaces, or the usual ones for a new file
    (``0o666`` less the umask); when ``path`` is a symbolic link, the file it points to is
    written and the link stays. A path that is not a regular file (``/dev/stdout``, a named
    pipe, a terminal) is written to directly: renaming over it would replace the device or
    pipe with a file.

    Raises:
        OSError: the directory is not writable, or ``path`` is a directory.
    """
    import stat
    import tempfile

    if path.is_symlink():
        path = Path(os.path.realpath(path))
    try:
        info = path.stat()
    except OSError:
        info = None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise IsADirectoryError(21, "Is a directory", str(path))
    if info is not None and not stat.S_ISREG(info.st_mode):
        with open(path, "w", encoding="utf-8", errors="replace", newline="") as fh:
            fh.write(text)
        return
    if info is not None:
        mode = info.st_mode & 0o7777
    else:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", errors="replace", newline="") as fh:
            fh.write(text)
            os.fchmod(fh.fileno(), mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
