"""--jobs: parallel linting gives the serial run's output byte for byte; the single-file path
loads none of the parallel machinery; the progress bar appears on a terminal only."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import CORPUS as _CORPUS

from dockwise import batch
from dockwise.batch import PARALLEL_THRESHOLD, default_workers, lint_files
from dockwise.cli import main
from dockwise.config import Config
from dockwise.engine import FileResult, Linter

CORPUS = _CORPUS / "files"


def dockwise(*args: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "dockwise", "lint", *args],
                          capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]


def test_default_workers() -> None:
    cpus = batch.cpu_count()
    assert default_workers(None, 1) == 1
    assert default_workers(None, PARALLEL_THRESHOLD - 1) == 1
    assert default_workers(None, 500) == cpus
    assert default_workers(0, 500) == cpus
    assert default_workers(3, 500) == 3
    assert default_workers(16, 2) == 2


def test_parallel_output_equals_serial_on_the_corpus() -> None:
    assert CORPUS.is_dir(), f"corpus not found at {CORPUS}"
    serial = dockwise("-j", "1", "-f", "json", "--select", "ALL", "--statistics", str(CORPUS))
    parallel = dockwise("-j", "2", "-f", "json", "--select", "ALL", "--statistics", str(CORPUS))
    assert serial.returncode == parallel.returncode
    assert serial.stdout == parallel.stdout
    assert serial.stderr == parallel.stderr
    assert serial.stdout.count('"code"') > 500


def _files(tmp_path: Path, n: int) -> list[tuple[int, Path]]:
    jobs = []
    for i in range(n):
        path = tmp_path / f"{i:02}.Dockerfile"
        path.write_text(f"FROM alpine:latest\nRUN echo {i}\n")
        jobs.append((0, path))
    return jobs


def test_lint_files_keeps_input_order(tmp_path: Path) -> None:
    jobs = _files(tmp_path, 40)
    linters = [Linter(Config(select=("DL3007",)))]
    done: list[int] = []
    started: list[bool] = []
    results = lint_files(jobs, linters, workers=3, progress=done.append,
                         started=lambda: started.append(True))
    assert [r.path for r in results] == [str(p) for _, p in jobs]
    assert [len(r.findings) for r in results] == [1] * 40
    assert sum(done) == 40 and started == [True]
    assert results == lint_files(jobs, linters, workers=1)


def test_a_crashing_rule_or_worker_does_not_stop_the_run(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = _files(tmp_path, 12)
    real = Linter.lint_path

    def lint_path(self: Linter, path: Path, display: str | None = None) -> FileResult:
        if path.name == "03.Dockerfile":
            raise RecursionError("too deep")
        if path.name == "07.Dockerfile" and os.getpid() != parent:
            os._exit(3)  # a worker dies (out of memory, killed)
        return real(self, path, display)

    parent = os.getpid()
    monkeypatch.setattr(Linter, "lint_path", lint_path)  # forked workers inherit it
    linters = [Linter(Config(select=("DL3007",)))]
    serial = lint_files(jobs, linters, workers=1)
    assert serial[3].error == "internal error: RecursionError: too deep"
    parallel = lint_files(jobs, linters, workers=2)
    assert len(parallel) == 12
    assert [r.path for r in parallel] == [str(p) for _, p in jobs]
    assert parallel[7].error == "not linted: a worker process failed (BrokenProcessPool)"


def test_one_file_loads_no_parallel_machinery(tmp_path: Path) -> None:
    """The single-file path must not pay for --jobs, the progress bar or .gitignore support."""
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("FROM alpine:latest\n")
    heavy = ["concurrent.futures", "multiprocessing", "pathspec", "rich", "tabulate",
             "dockwise.parallel", "dockwise.walk", "dockwise.report.common"]
    code = ("import sys\nfrom dockwise.cli import main\n"
            f"sys.argv = ['dockwise', 'lint', '-f', 'text', {str(dockerfile)!r}]\n"
            "try:\n    main()\nexcept SystemExit:\n    pass\n"
            f"print([m for m in {heavy!r} if m in sys.modules], file=sys.stderr)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "DL3007" in out.stdout
    assert out.stderr.strip() == "[]"


def test_no_progress_bar_off_a_terminal(tmp_path: Path) -> None:
    jobs = _files(tmp_path, 10)
    result = CliRunner().invoke(main, ["lint", "-f", "text", str(tmp_path)])
    assert result.stderr == ""
    assert len(result.stdout.splitlines()) == len(jobs) * 2  # DL3007 and DW105 per file


def _run_on_pty(args: list[str]) -> tuple[str, str]:
    """Run dockwise with stderr on a pseudo-terminal; return (stdout, what the terminal got)."""
    master, slave = pty.openpty()
    env = dict(os.environ, TERM="xterm-256color", COLUMNS="100")
    env.pop("NO_COLOR", None)
    proc = subprocess.Popen([sys.executable, "-m", "dockwise", "lint", *args],
                            stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 20)
        if not ready:
            break
        try:
            data = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    stdout = proc.stdout.read().decode() if proc.stdout else ""
    proc.wait(timeout=20)
    os.close(master)
    return stdout, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    _files(tmp_path, 10)
    stdout, terminal = _run_on_pty(["-f", "text", str(tmp_path)])
    assert "Linting" in terminal and "10/10" in terminal
    assert "Linting" not in stdout and len(stdout.splitlines()) == 20
    _, quiet = _run_on_pty(["-f", "text", "--no-progress", str(tmp_path)])
    assert "Linting" not in quiet
    # with worker processes the bar starts after they are forked, and still counts every file
    stdout, terminal = _run_on_pty(["-f", "text", "-j", "2", str(tmp_path)])
    assert "10/10" in terminal and len(stdout.splitlines()) == 20
