"""DL3059 ``consecutive-run``: consecutive RUN instructions that could be one.

## What it does
Reports a RUN that directly follows another RUN of the same stage (comment lines between them
do not separate them; any other instruction does) when each runs a single command, so that
joining them with ``&&`` is the obvious thing to do. The criteria are hadolint's; RUNs are
left alone when:

* either of them runs more than one command (``&&``, ``;``, pipes and ``$(...)`` all count):
  someone who chains commands and still splits the RUNs has chosen where the layers go
  (cache boundaries);
* their flags differ (``--mount``, ``--network``, ``--security``): they cannot simply be
  merged, and a different cache or secret mount is often the reason for the split. Mounts
  are compared as BuildKit reads them (option order and ``dst=``/``target=`` do not matter).

The finding is on the second RUN's keyword. In a shell dockwise does not parse (``cmd``,
PowerShell), a RUN counts as one command when it has no ``&``, ``|`` or ``;`` outside quotes.

## Why is this bad?
Every RUN makes a layer. Two short RUNs in a row cost an extra layer and, when the first one
downloads or installs something that the second one cleans up, keep the bytes the cleanup was
meant to remove.

## Example
```dockerfile
FROM debian:12
RUN apt-get update
RUN apt-get install -y --no-install-recommends curl
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n

#: More commands than this in either RUN means the split was deliberate (hadolint 2.x's limit).
MAX_COMMANDS = 1
_CHAINING_RE = re.compile(r"[&|;]")
_QUOTED_RE = re.compile(r"\"[^\"]*\"|'[^']*'")


def _command_count(model: Model, run: n.Run) -> int | None:
    """Simple commands the RUN runs (1 for an exec form), or ``None`` when unknown.

    For a shell dockwise does not parse (``cmd``, PowerShell) a command line without any
    chaining character (``&``, ``|``, ``;``) outside quotes counts as one command.
    """
    scripts = model.scripts(run)
    if scripts:
        return sum(1 for s in scripts for c in s.commands if c.argv or c.assignments)
    if run.is_exec and run.exec_args:
        return 1
    cmd = run.command
    if cmd is not None and not run.heredocs and \
            not _CHAINING_RE.search(_QUOTED_RE.sub("", cmd.text)):
        return 1
    return None


def _flags(model: Model, run: n.Run) -> tuple[object, ...]:
    """The RUN's flags in a comparable form: mounts as BuildKit reads them, others as written."""
    mounts = sorted(tuple(sorted(m.items())) for m in model.mounts(run))
    others = sorted((f.name.lower(), f.value or "") for f in run.flags if f.name != "mount")
    return (tuple(mounts), tuple(others))


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each short RUN that follows a short RUN with the same flags."""
    previous: n.Instruction | None = None
    for instr in model.dockerfile.instructions:
        prev, previous = previous, instr
        if not isinstance(instr, n.Run) or not isinstance(prev, n.Run):
            continue
        if model.stage_of(instr) is None or model.stage_of(instr) is not model.stage_of(prev):
            continue
        count, prev_count = _command_count(model, instr), _command_count(model, prev)
        if count is None or prev_count is None or count > MAX_COMMANDS or \
                prev_count > MAX_COMMANDS or _flags(model, instr) != _flags(model, prev):
            continue
        yield Violation(instr.keyword_span,
                        f"RUN directly follows the RUN on line {prev.line}; join them with && "
                        "to save a layer", instr)


RULE = Rule(
    id="DL3059",
    name="consecutive-run",
    severity=Severity.INFO,
    summary="Consecutive short RUN instructions should be joined into one.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
