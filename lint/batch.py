"""Linting many files: serially, or in worker processes, with results in input order.

The command line resolves each file's configuration and builds its :class:`Linter` (so
configuration errors are reported once, in the main process); :func:`lint_files` then lints
the files. With ``workers > 1`` the files are split into chunks that a
:class:`concurrent.futures.ProcessPoolExecutor` lints (on Linux the workers are forked, so they
start with every rule already imported); each worker rebuilds the same linters from their
settings once. Results come back in the order the files were given whatever order workers
finish in, so the report is the same as a serial run's, byte for byte.

Nothing here is imported for a serial run except this module, which itself imports nothing
heavy: ``concurrent.futures`` and ``multiprocessing`` load only when workers are used.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dockwise.engine import FileResult, Linter

if TYPE_CHECKING:
    from dockwise.config import Config

#: With no ``--jobs``, files are linted in parallel when there are at least this many.
PARALLEL_THRESHOLD = 8

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
    try:
        return linter.lint_path(path)
    except Exception as exc:
        return FileResult(str(path), error=f"internal error: {type(exc).__name__}: {exc}")


#: The linters of a worker process, built once by :func:`_init_worker`.
_WORKER_LINTERS: list[Linter] = []


def _init_worker(settings: Sequence[tuple[Config, str | None, Path | None]]) -> None:
    _WORKER_LINTERS[:] = [Linter(config, target=target, context=context)
                          for config, target, context in settings]


def _lint_chunk(chunk: Sequence[tuple[int, str]]) -> list[FileResult]:
    return [lint_one(_WORKER_LINTERS[i], Path(path)) for i, path in chunk]


def _chunks(jobs: Sequence[tuple[int, Path]], workers: int) -> list[list[tuple[int, str]]]:
    """Split into about 8 chunks per worker (enough to balance uneven files, few enough
    that inter-process overhead stays small), each at most 64 files."""
    size = max(1, min(64, len(jobs) // (workers * 8) or 1))
    items = [(i, str(p)) for i, p in jobs]
    return [items[k:k + size] for k in range(0, len(items), size)]


def _context() -> Any:
    """``fork`` where it is available and no other thread runs (workers then inherit the
    imported rules instead of importing them again), else the platform's default."""
    import multiprocessing
    import threading

    if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1:
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


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
    had not reported get an error result saying so.
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
    return _lint_parallel(jobs, linters, workers, progress, started)


def _lint_parallel(jobs: Sequence[tuple[int, Path]], linters: Sequence[Linter], workers: int,
                   progress: Progress | None,
                   started: Callable[[], None] | None) -> list[FileResult]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    settings = [(linter.config, linter.target, linter.context) for linter in linters]
    chunks = _chunks(jobs, workers)
    results: list[FileResult | None] = [None] * len(jobs)
    position = {}
    offset = 0
    for number, chunk in enumerate(chunks):
        position[number] = offset
        offset += len(chunk)
    with ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                             initializer=_init_worker, initargs=(settings,)) as pool:
        futures = {pool.submit(_lint_chunk, chunk): number for number, chunk in enumerate(chunks)}
        if started:
            started()
        for future in as_completed(futures):
            number = futures[future]
            chunk = chunks[number]
            try:
                done = future.result()
            except Exception as exc:  # BrokenProcessPool: a worker died
                done = [FileResult(path, error=f"not linted: a worker process failed "
                                   f"({type(exc).__name__})") for _, path in chunk]
            results[position[number]:position[number] + len(chunk)] = done
            if progress:
                progress(len(chunk))
    return [r for r in results if r is not None]
