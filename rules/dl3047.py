"""DL3047 ``wget-progress``: ``wget`` without a progress setting.

## What it does
Reports a ``wget`` in a RUN that neither sets how progress is shown nor silences it. Any of
these counts: ``--progress=...``, ``-q``/``--quiet`` (also in a cluster such as ``-qO-``),
``-nv``/``--no-verbose``, and sending the log elsewhere with ``-o``/``--output-file`` or
``-a``/``--append-output`` (as hadolint accepts). Options kept in an ARG or ENV variable
(``wget ${WGET_OPTS} ...``) are read through its value. The finding is on the ``wget`` word.
On alpine and busybox images only calls after an ``apk add wget`` (GNU wget) are checked:
busybox's wget prints two lines when its output is not a terminal, and has no
``--progress`` option.

## Why is this bad?
A build's output is not a terminal, so GNU wget falls back to its "dot" progress display: a
line of dots for every few kilobytes. Downloading a large file this way writes thousands of
lines into the build log, which slows CI log viewers and buries the lines that matter.
``--progress=dot:giga`` keeps a progress display with one line per few megabytes; ``-q`` or
``-nv`` drop it.

## Example
```dockerfile
FROM debian:12
RUN wget https://example.com/big.tar.gz
```

## Use instead
```dockerfile
FROM debian:12
RUN wget --progress=dot:giga https://example.com/big.tar.gz
```

## How dockwise differs from hadolint
hadolint does not look into variables, so ``ARG WGET_ARGS="--progress=dot:giga"`` with
``wget ${WGET_ARGS} ...`` is reported (hadolint issue 970); dockwise reads the value. hadolint
also reports busybox's wget on alpine, where the log stays short and ``--progress`` would
break the build.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model, Stage
from dockwise.syntax import nodes as n
from dockwise.syntax.shell import Invocation, apk_adds

#: wget options that take a value as the next word (so it is not read as a switch).
_WGET_VALUE_FLAGS = frozenset({
    "-O", "-o", "-a", "-P", "-e", "-t", "-T", "-U", "-w", "-Q", "-l", "-D", "-R", "-A", "-I",
    "-X", "-B", "-i", "--output-document", "--output-file", "--append-output",
    "--directory-prefix", "--execute", "--tries", "--timeout", "--user-agent", "--header",
    "--user", "--password", "--post-data", "--post-file", "--method", "--body-data",
})
_PACKAGE_RE = re.compile(r"^wget(?:$|[=<>~])")
_QUIETING = frozenset({"-q", "--quiet", "--no-verbose", "-o", "--output-file", "-a",
                       "--append-output", "--progress"})


def _quiet(model: Model, run: n.Run, inv: Invocation) -> bool:
    """``True`` when the call sets progress, silences wget or logs to a file; options held in
    an ARG/ENV variable (``wget ${WGET_ARGS} ...``) are expanded and read too."""
    if inv.has(*_QUIETING) or any(w.text == "-nv" for w in inv.command.args):
        return True
    for word in inv.command.args:
        if word.literal or not word.raw.startswith("$"):
            continue
        exp = model.expand(word.raw, run)
        if exp.known and any(w in _QUIETING or w == "-nv" or w.startswith("--progress=") or
                             (w.startswith("-") and not w.startswith("--") and "q" in w)
                             for w in exp.text.split()):
            return True
    return False


def _wget_install_line(model: Model, stage: Stage) -> int | None:
    """The line of the stage's own first ``apk add wget``, or ``None``."""
    for instr in stage.instructions:
        if isinstance(instr, n.Run) and any(
                _PACKAGE_RE.match(w.text) for script in model.scripts(instr)
                for inv in apk_adds(script) for w in inv.operands):
            return instr.line
    return None


def _gnu_wget_from(model: Model, stage: Stage, memo: dict[int, int | None]) -> int | None:
    """The line of the first ``apk add wget`` (GNU wget replacing busybox's applet) in the
    stage or a stage it is built FROM, or ``None``; ``memo`` holds the answers for stages
    already seen, so a long FROM chain is walked once."""
    chain = []
    current: Stage | None = stage
    while current is not None and current.index not in memo:
        chain.append(current)
        current = current.parent
    known = memo[current.index] if current is not None else None
    for st in reversed(chain):  # root-most first
        own = _wget_install_line(model, st)
        known = own if known is None else known if own is None else min(own, known)
        memo[st.index] = known
    return memo[stage.index]


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each GNU ``wget`` with no progress, quiet or log-file option."""
    gnu_from: dict[int, int | None] = {}
    for stage, run in model.runs():
        base = stage.root_base
        if base is not None and base.known and (base.is_alpine or base.name == "busybox"):
            installed = _gnu_wget_from(model, stage, gnu_from)
            if installed is None or installed > run.line:
                continue  # busybox's wget
        for script in model.scripts(run):
            for inv in script.invocations("wget", takes_value=_WGET_VALUE_FLAGS):
                if _quiet(model, run, inv):
                    continue
                yield Violation(inv.command.programs()[-1].span,
                                "wget without --progress, -q or -nv fills the build log with "
                                "progress dots", run, fix="wget --progress=dot:giga ...")


RULE = Rule(
    id="DL3047",
    name="wget-progress",
    severity=Severity.INFO,
    summary="Give wget --progress=dot:giga, -q or -nv to keep build logs short.",
    check=check,
    doc=__doc__ or "",
)
