"""Linting files in worker processes (``--jobs``), for :func:`dockwise.batch.lint_files`.

The files are split into chunks that a :class:`concurrent.futures.ProcessPoolExecutor` lints.
On Linux the workers are forked, so they start with every rule already imported; each worker
rebuilds the run's linters from their settings once (:func:`_init_worker`). The first file is
linted in the main process before the fork, so the workers inherit what the rules and the shell
parser set up lazily on first use instead of each doing it again, and the objects that exist at
the fork are frozen out of the garbage collector (:func:`gc.freeze`), so collections in the
workers do not copy the pages they share with the main process. Results are put
back in input order as chunks finish. A worker that dies takes its chunk with it: those files
get an error result, the others are still reported. Workers ignore SIGINT and SIGTERM; on Ctrl-C
or SIGTERM the main process cancels the chunks not yet started, lets the running ones end, and
exits with code 130.
"""

from __future__ import annotations

import gc
import signal
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dockwise.batch import Progress, lint_one
from dockwise.engine import FileResult, Linter

if TYPE_CHECKING:
    from dockwise.config import Config


#: The linters of a worker process, built once by :func:`_init_worker`.
_WORKER_LINTERS: list[Linter] = []


def _init_worker(settings: Sequence[tuple[Config, str | None, Path | None]]) -> None:
    # Ctrl-C (and `kill` of the process group) reaches every process: the main process stops
    # the run; a worker finishes the chunk it is on, so ShellCheck's temporary directories are
    # removed, and is then stopped by the pool, without printing a traceback
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
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


def lint_parallel(jobs: Sequence[tuple[int, Path]], linters: Sequence[Linter], workers: int,
                   progress: Progress | None,
                   started: Callable[[], None] | None) -> list[FileResult]:
    """Lint ``jobs`` in ``workers`` processes; the arguments are
    :func:`dockwise.batch.lint_files`'s."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    settings = [(linter.config, linter.target, linter.context) for linter in linters]
    # lint the first file here before forking: the workers then inherit whatever the rules
    # and the shell parser set up lazily on first use, instead of each doing it again
    first = lint_one(linters[jobs[0][0]], jobs[0][1])
    jobs = jobs[1:]
    chunks = _chunks(jobs, workers)
    results: list[FileResult | None] = [None] * len(jobs)
    position = {}
    offset = 0
    for number, chunk in enumerate(chunks):
        position[number] = offset
        offset += len(chunk)
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(),
                               initializer=_init_worker, initargs=(settings,))
    gc.freeze()  # objects that exist now stay out of the workers' collections: no copy-on-write
    try:
        futures = {pool.submit(_lint_chunk, chunk): number for number, chunk in enumerate(chunks)}
        gc.unfreeze()
        if started:
            started()
        if progress:
            progress(1)  # the first file, linted before the fork
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
    except BaseException:  # Ctrl-C: drop the chunks not started, do not wait for them
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown()
    return [first, *(r for r in results if r is not None)]
