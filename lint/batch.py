"""Linting many files: serially, or in worker processes, with results in input order.

The command line resolves each file's configuration and builds its :class:`Linter` (so
configuration errors are reported once, in the main process); :func:`lint_files` then lints
the files, in this process or, with ``workers > 1``, in worker processes
(:mod:`dockwise.parallel`, imported only then, with ``concurrent.futures`` and
``multiprocessing``). Either way the results come in the order the files were given, so the
report is the same as a serial run's, byte for byte.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from dockwise.engine import FileResult, Linter

if TYPE_CHECKING:
    from dockwise.model import BuildContext

#: With no ``--jobs``, files are linted in parallel when there are at least this many. Starting
#: the workers costs about 15 ms; on a 2-CPU machine a serial run is faster up to about 50
#: files when the machine is idle and about 100 when it is busy (benchmarks/parallel_bench.py).
PARALLEL_THRESHOLD = 64

Progress = Callable[[int], None]


def cpu_count() -> int:
    """CPUs this process may run on (its affinity mask where the OS has one), at least 1."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def default_workers(jobs: int | None, files: int) -> int:
    """Worker processes for ``files`` files: ``jobs`` when given (0 means one per CPU),
    otherwise one per CPU for :data:`PARALLEL_THRESHOLD` files or more, else 1; never more
    than there are files."""
    if jobs is None:
        jobs = 0 if files >= PARALLEL_THRESHOLD else 1
    if jobs == 0:
        jobs = cpu_count()
    return max(1, min(jobs, files))


def lint_one(linter: Linter, path: Path) -> FileResult:
    """Lint one file; an unexpected exception (a bug) becomes the file's error, so one bad
    file never stops the run or prints a traceback."""
    return _guarded(str(path), lambda: linter.lint_path(path))


def lint_text(linter: Linter, data: bytes, name: str,
              context: BuildContext | None = None) -> FileResult:
    """Lint Dockerfile bytes read from standard input, reported as ``name``, with the same
    guarantee as :func:`lint_one`."""
    return _guarded(name, lambda: linter.lint_source(data, name, context))


def _guarded(name: str, lint: Callable[[], FileResult]) -> FileResult:
    try:
        return lint()
    except Exception as exc:
        return FileResult(name, error=f"internal error: {type(exc).__name__}: {exc}")


def lint_files(jobs: Sequence[tuple[int, Path]], linters: Sequence[Linter], workers: int = 1,
               progress: Progress | None = None,
               started: Callable[[], None] | None = None) -> list[FileResult]:
    """Lint ``jobs`` (pairs of an index into ``linters`` and a file) and return one result per
    job, in the order given.

    Args:
        jobs: the files, each with the index of the linter (configuration) to use.
        linters: the linters; in workers they are rebuilt from their config, target and
            context, so they must be built from those alone.
        workers: processes to use; 1 lints in this process.
        progress: called with the number of files just finished.
        started: called once the worker processes exist (before any result arrives); a
            progress display that starts a thread is started there, after the fork.

    A worker process that dies (killed, out of memory) does not stop the run: the files it
    had not reported get an error result saying so (see :mod:`dockwise.parallel`).
    """
    if workers <= 1 or len(jobs) <= 1:
        if started:
            started()
        results = []
        for i, path in jobs:
            results.append(lint_one(linters[i], path))
            if progress:
                progress(1)
        return results
    from dockwise.parallel import lint_parallel

    return lint_parallel(jobs, linters, workers, progress, started)
