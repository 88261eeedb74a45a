"""DL3047 ``wget-progress``: ``wget`` without a progress setting.

## What it does
Reports a ``wget`` in a RUN that neither sets how progress is shown nor silences it. Any of
these counts: ``--progress=...``, ``-q``/``--quiet`` (also in a cluster such as ``-qO-``),
``-nv``/``--no-verbose``, and sending the log elsewhere with ``-o``/``--output-file`` or
``-a``/``--append-output`` (as hadolint accepts). The finding is on the ``wget`` word.

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
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model

#: wget options that take a value as the next word (so it is not read as a switch).
_WGET_VALUE_FLAGS = frozenset({
    "-O", "-o", "-a", "-P", "-e", "-t", "-T", "-U", "-w", "-Q", "-l", "-D", "-R", "-A", "-I",
    "-X", "-B", "-i", "--output-document", "--output-file", "--append-output",
    "--directory-prefix", "--execute", "--tries", "--timeout", "--user-agent", "--header",
    "--user", "--password", "--post-data", "--post-file", "--method", "--body-data",
})
_QUIETING = frozenset({"-q", "--quiet", "--no-verbose", "-o", "--output-file", "-a",
                       "--append-output", "--progress"})


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``wget`` with no progress, quiet or log-file option."""
    for _stage, run in model.runs():
        for script in model.scripts(run):
            for inv in script.invocations("wget", takes_value=_WGET_VALUE_FLAGS):
                if inv.has(*_QUIETING) or any(w.text == "-nv" for w in inv.command.args):
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
