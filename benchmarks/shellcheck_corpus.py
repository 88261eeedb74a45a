"""Corpus throughput with ShellCheck off and on, and the cost of batching choices.

Run from the repository root (the corpus is read in place, never copied)::

    .venv/bin/python benchmarks/shellcheck_corpus.py [CORPUS_DIR] [--strategies]

Prints files per second for linting every corpus file in one process with every rule on,
first with ShellCheck off, then on (one ShellCheck process per Dockerfile, as dockwise runs
it). With ``--strategies`` it also times the ShellCheck part alone for: one process per
Dockerfile, one process per RUN script.

Each figure is given per second of wall time and per second of CPU time (this process and
the ShellCheck processes it started): on a busy machine the wall figure varies from run to
run, the CPU figure much less.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from pathlib import Path

from dockwise import shellcheck
from dockwise.config import Config
from dockwise.engine import Linter
from dockwise.model import Model
from dockwise.syntax.parser import parse


def default_corpus() -> Path:
    """``$DOCKWISE_CORPUS/files``, else the nearest ``shared/corpus/files`` above the repo."""
    if os.environ.get("DOCKWISE_CORPUS"):
        return Path(os.environ["DOCKWISE_CORPUS"]) / "files"
    for parent in Path(__file__).resolve().parents:
        candidate = parent / "shared" / "corpus" / "files"
        if candidate.is_dir():
            return candidate
    raise SystemExit("corpus not found: give its files directory or set DOCKWISE_CORPUS")


def cpu_seconds() -> float:
    """User + system CPU seconds of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


class Timer:
    """Wall and CPU seconds spent inside a ``with`` block."""

    def __enter__(self) -> Timer:
        self.wall, self.cpu = time.perf_counter(), cpu_seconds()
        return self

    def __exit__(self, *exc: object) -> None:
        self.wall = time.perf_counter() - self.wall
        self.cpu = cpu_seconds() - self.cpu

    def __str__(self) -> str:
        return f"{self.wall:.2f} s wall, {self.cpu:.2f} s CPU"


def throughput(files: list[Path], *, with_shellcheck: bool) -> str:
    """Files per second (wall, CPU) for linting ``files`` with every rule selected."""
    linter = Linter(Config(select=("ALL",), shellcheck=with_shellcheck))
    with Timer() as t:
        for path in files:
            linter.lint_path(path)
    return f"{len(files) / t.wall:.0f} files/s ({len(files) / t.cpu:.0f} per CPU second)"


def strategies(files: list[Path], binary: str) -> None:
    """Seconds spent in ShellCheck for the whole corpus, per batching choice."""
    batches = [shellcheck.jobs(Model(parse(p.read_bytes(), str(p)))) for p in files]
    scripts = sum(len(b) for b in batches)
    print(f"  {sum(1 for b in batches if b)} files with {scripts} shell scripts")
    with Timer() as t:
        for batch in batches:
            shellcheck.run(batch, binary)
    print(f"  one process per Dockerfile: {t}")
    with Timer() as t:
        for batch in batches:
            for job in batch:
                shellcheck.run([job], binary)
    print(f"  one process per RUN script: {t}")


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = Path(args[0]) if args else default_corpus()
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    binary = shellcheck.find_binary()
    print(f"{len(files)} files from {corpus}")
    print(f"ShellCheck off: {throughput(files, with_shellcheck=False)}")
    if binary is None:
        print("ShellCheck on: not installed (pip install 'dockwise[shellcheck]')")
        return 0
    print(f"ShellCheck on:  {throughput(files, with_shellcheck=True)} with {binary}")
    if "--strategies" in argv:
        strategies(files, binary)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
