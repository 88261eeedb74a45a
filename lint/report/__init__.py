"""Reporters: one module per output format. A reporter formats findings; it decides nothing.

Every reporter module defines ``render(results, options) -> str`` over the same
:class:`~dockwise.engine.FileResult` list, so every format carries the same findings in the same
order. Modules are imported only when their format is used (``rich`` is not loaded for ``text``).
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
    from dockwise.engine import FileResult

#: Format name -> module under ``dockwise.report``.
FORMATS = {
    "tty": "tty",
    "text": "text",
    "json": "json_format",
}


@record
class ReportOptions:
    """Presentation settings shared by reporters.

    Attributes:
        color: use ANSI colour (tty only).
        width: terminal width for tty output, or ``None`` to detect.
        sources: file texts by path, for showing the offending line (tty).
        cwd: the directory paths are reported relative to.
    """

    color: bool = False
    width: int | None = None
    sources: dict[str, str] = field(default_factory=dict)
    cwd: Path = field(default_factory=Path.cwd)


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
    failure.

    Raises:
        OSError: the directory is not writable.
    """
    import tempfile

    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
