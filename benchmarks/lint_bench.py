"""Lint speed: corpus throughput in one process, and one file's wall time from the command line.

Usage: ``python benchmarks/lint_bench.py [--runs N] [--corpus DIR] [--shellcheck]``

* throughput: every file of ``../shared/corpus/files`` linted in one process with every
  default rule (ShellCheck off unless ``--shellcheck``); the median of ``--runs`` passes, in
  files per second;
* one file: wall time of ``dockwise lint --format text <file>`` as a new process (start-up
  included, output not a terminal; ``--ignore SC`` unless ``--shellcheck``), median of
  ``--runs`` x 5 runs, in milliseconds. The ``dockwise`` script next to this Python is used, so
  run it with the venv's Python; measure a regular install (``pip install .``), as an editable
  install adds its import hook.

Targets from issue 2 (2-core machine): >= 500 files/s, <= 80 ms for one file.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_CORPUS = next((p for p in (ROOT.parent / "shared" / "corpus" / "files",
                       Path("/work/shared/corpus/files")) if p.is_dir()),
                      ROOT.parent / "shared" / "corpus" / "files")
ONE_FILE = ROOT / "sample_dockerfiles" / "guide-ch1-gin" / "Dockerfile"


def throughput(files: list[Path], runs: int, shellcheck: bool) -> tuple[float, int]:
    """Median files/second over ``runs`` passes, and the number of findings per pass."""
    from dockwise.config import Config
    from dockwise.engine import Linter

    linter = Linter(Config(shellcheck=shellcheck))
    linter.lint_path(files[0])  # warm up: tree-sitter language, regexes
    rates = []
    count = 0
    for _ in range(runs):
        start = time.perf_counter()
        count = sum(len(linter.lint_path(f).findings) for f in files)
        rates.append(len(files) / (time.perf_counter() - start))
    return statistics.median(rates), count


def one_file_ms(path: Path, runs: int, shellcheck: bool) -> tuple[float, float, float]:
    """Wall time of a fresh ``dockwise lint`` process on ``path``: (median, fastest, median
    CPU time of the process), in ms. The fastest run shows the cost with a warm page cache;
    on a shared or memory-reclaiming machine the median can be far above it."""
    script = Path(sys.executable).with_name("dockwise")
    cmd = [str(script), "lint", "--format", "text", "--no-fail", str(path)]
    if not shellcheck:
        cmd[2:2] = ["--ignore", "SC"]
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)  # warm the page cache
    times, cpu = [], []
    for _ in range(runs * 5):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
        times.append((time.perf_counter() - start) * 1000)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append((after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime) * 1000)
    return statistics.median(times), min(times), statistics.median(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--shellcheck", action="store_true")
    args = parser.parse_args()
    files = sorted(args.corpus.glob("*"))
    if not files:
        sys.exit(f"no files in {args.corpus}")
    rate, findings = throughput(files, args.runs, args.shellcheck)
    print(f"corpus: {len(files)} files, {findings} findings, {rate:.0f} files/s "
          f"(one process, median of {args.runs}, ShellCheck {'on' if args.shellcheck else 'off'})")
    median, fastest, cpu = one_file_ms(ONE_FILE, args.runs, args.shellcheck)
    print(f"one file: {median:.1f} ms wall median, {fastest:.1f} ms fastest, {cpu:.1f} ms CPU "
          f"(dockwise lint --format text, {args.runs * 5} runs, "
          f"ShellCheck {'on' if args.shellcheck else 'off'})")


if __name__ == "__main__":
    main()
