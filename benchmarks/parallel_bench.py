"""Speed of ``dockwise lint`` over many files with ``--jobs``, and the cost of the parallel
machinery for one file.

Measures, each as the median of ``--runs`` wall-clock runs of the real command line:

1. the corpus (``../shared/corpus/files``, every rule on, text output) with ``--jobs 1`` and with
   ``--jobs`` at the CPU count: wall seconds and files per second;
2. one Dockerfile, with this checkout and with ``--base`` (default: ``main`` just before the
   parallel machinery, the discovery rewrite and the new formats were merged), both run the
   same way from a temporary tree of symbolic links that lays ``lint/`` and ``rules/`` out as
   the ``dockwise`` package, so installation details do not count.

ShellCheck is off (``--ignore SC``) unless ``--shellcheck`` is given.

Usage::

    .venv/bin/python benchmarks/parallel_bench.py [--runs 15] [--base REV] [--corpus DIR]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus_dir() -> Path:
    """``corpus/files`` under ``$DOCKWISE_SHARED``, else ``shared/corpus/files`` next to the
    checkout or one of its ancestors, else ``/work/shared/corpus/files`` (as the tests look)."""
    candidates = [Path(os.environ["DOCKWISE_SHARED"]) / "corpus" / "files"] \
        if os.environ.get("DOCKWISE_SHARED") else []
    candidates += [parent / "shared" / "corpus" / "files" for parent in ROOT.parents]
    candidates.append(Path("/work/shared/corpus/files"))
    for candidate in candidates:
        if candidate.is_dir():
            return candidate
    raise SystemExit("corpus not found; pass --corpus DIR or set DOCKWISE_SHARED")


def package_tree(source: Path, into: Path) -> Path:
    """Lay ``source``'s ``lint/`` and ``rules/`` out as an importable ``dockwise`` package."""
    package = into / "dockwise"
    package.mkdir(parents=True)
    for entry in (source / "lint").iterdir():
        if entry.name != "__pycache__":  # bytecode of its own, or none
            (package / entry.name).symlink_to(entry)
    (package / "rules").symlink_to(source / "rules")
    return into


def export(rev: str, into: Path) -> Path:
    """The files of ``rev`` (``lint/`` and ``rules/``) extracted into ``into``."""
    into.mkdir(parents=True)
    archive = subprocess.run(["git", "archive", rev, "lint", "rules"], cwd=ROOT, check=True,
                             capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


Command = tuple[list[str], Path, bool]


def measure(commands: dict[str, Command], runs: int) -> dict[str, tuple[float, float, float]]:
    """(median wall seconds, median CPU seconds of the process and its workers, fastest wall
    seconds) of ``runs`` runs of
    each ``dockwise lint`` command line ``(argv, package tree, bytecode)``, run with
    ``PYTHONPATH`` set to its package tree; with ``bytecode`` false Python compiles dockwise's
    modules from source on each run (``PYTHONDONTWRITEBYTECODE=1``, a tree without bytecode).

    The commands take turns (A B A B ...), so a change in machine load affects all of them
    alike; one untimed round first warms the file cache and writes bytecode.
    """
    samples: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
    for round_ in range(runs + 1):
        for name, (argv, tree, bytecode) in commands.items():
            env = dict(os.environ, PYTHONPATH=str(tree))
            env.pop("PYTHONDONTWRITEBYTECODE", None)
            if not bytecode:  # the tree never gets bytecode; the standard library keeps its own
                env["PYTHONDONTWRITEBYTECODE"] = "1"
            command = [sys.executable, "-c", "from dockwise.cli import main; main()", "lint",
                       *argv]
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            start = time.perf_counter()
            subprocess.run(command, env=env, cwd=tree, stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
            elapsed = time.perf_counter() - start
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
            if round_:
                samples[name].append((elapsed, cpu))
    return {name: (statistics.median(w for w, _ in values),
                   statistics.median(c for _, c in values), min(w for w, _ in values))
            for name, values in samples.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--base", default=None,
                        help="revision to compare one file with [default: main just before "
                             "the parallel machinery was merged]")
    parser.add_argument("--corpus", type=Path, default=None)
    parser.add_argument("--shellcheck", action="store_true",
                        help="keep ShellCheck on (off by default, as in lint_bench.py)")
    args = parser.parse_args()
    corpus = args.corpus or corpus_dir()
    if args.base is None:
        merge = subprocess.run(["git", "log", "--format=%H", "-1", "--grep",
                                "^Merge feat/reports"], cwd=ROOT, check=True,
                               capture_output=True, text=True).stdout.strip()
        args.base = (merge + "^1") if merge else "HEAD"
    files = sorted(p for p in corpus.iterdir() if p.is_file())
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    with tempfile.TemporaryDirectory() as tmp:
        here = package_tree(ROOT, Path(tmp) / "here")
        base_source = export(args.base, Path(tmp) / "base-export")
        base = package_tree(base_source, Path(tmp) / "base")
        here_src = package_tree(ROOT, Path(tmp) / "here-src")
        base_src = package_tree(base_source, Path(tmp) / "base-src")
        off = [] if args.shellcheck else ["--ignore", "SC"]
        common = ["-f", "text", "--select", "ALL", *off, str(corpus)]
        corpus_runs = max(3, args.runs // 3)
        big = measure({"serial": (["--jobs", "1", *common], here, True),
                       "parallel": (["--jobs", str(cpus), *common], here, True)}, corpus_runs)
        one = str(files[len(files) // 2])
        small = measure({"here": (["-f", "text", *off, one], here, True),
                         "base": (["-f", "text", *off, one], base, True),
                         "here-src": (["-f", "text", *off, one], here_src, False),
                         "base-src": (["-f", "text", *off, one], base_src, False)}, args.runs)
    (serial, serial_cpu, serial_min), (parallel, parallel_cpu, parallel_min) = \
        big["serial"], big["parallel"]
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    print(f"corpus: {len(files)} files, {cpus} CPUs, every rule, text output, ShellCheck "
          f"{'on' if args.shellcheck else 'off'} (median of {corpus_runs} runs)")
    print(f"  --jobs 1      {serial:6.3f} s wall {len(files) / serial:6.0f} files/s  "
          f"cpu {serial_cpu:.3f} s  fastest {serial_min:.3f} s")
    print(f"  --jobs {cpus:<6} {parallel:6.3f} s wall {len(files) / parallel:6.0f} files/s  "
          f"cpu {parallel_cpu:.3f} s  fastest {parallel_min:.3f} s  "
          f"({serial / parallel:.2f}x)")
    print(f"one file ({Path(one).name}), median of {args.runs} runs:")
    for suffix, what in (("", "bytecode cached, as installed"),
                         ("-src", "compiled from source every run")):
        print(f"  {what}:")
        here_w, here_c, here_min = small["here" + suffix]
        base_w, base_c, base_min = small["base" + suffix]
        print(f"    this checkout  {here_w * 1000:6.1f} ms wall  {here_c * 1000:6.1f} ms cpu  "
              f"fastest {here_min * 1000:6.1f} ms")
        print(f"    {args.base[:14]:<14} {base_w * 1000:6.1f} ms wall  "
              f"{base_c * 1000:6.1f} ms cpu  fastest {base_min * 1000:6.1f} ms")
        print(f"    difference     {1000 * (here_w - base_w):+6.1f} ms wall  "
              f"{1000 * (here_c - base_c):+6.1f} ms cpu  "
              f"fastest {1000 * (here_min - base_min):+6.1f} ms")

if __name__ == "__main__":
    main()
