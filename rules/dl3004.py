"""DL3004 ``no-sudo``: do not use ``sudo`` in RUN.

## What it does
Reports every ``sudo`` that runs a command in a RUN: at the start of a command, after another
wrapper (``env sudo ...``), inside ``&&``/``||`` chains, subshells, conditionals and heredoc
scripts. The finding is on the ``sudo`` word.

## Why is this bad?
A RUN already runs as the stage's USER. ``sudo`` needs a sudoers configuration and the
``sudo`` package in the image, behaves differently without a terminal, and hides which user a
step really needs. Switch with ``USER root`` for the steps that need root and back to the
unprivileged user afterwards; for an entrypoint that must drop privileges, use a tool made for
it such as ``gosu`` or ``su-exec``.

## Example
```dockerfile
FROM debian:12
USER app
RUN sudo apt-get update
```

## Use instead
```dockerfile
FROM debian:12
USER root
RUN apt-get update
USER app
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``sudo`` word that wraps a command in a RUN."""
    for _stage, run in model.runs():
        for script in model.scripts(run):
            if "sudo" not in script.text:
                continue
            for cmd in script.commands:
                for word in cmd.programs():
                    if word.text.rsplit("/", 1)[-1] == "sudo":
                        yield Violation(word.span, "sudo in RUN: switch with USER root for "
                                        "this step instead", run,
                                        fix="USER root before the RUN, then back to the "
                                        "unprivileged user")


RULE = Rule(
    id="DL3004",
    name="no-sudo",
    severity=Severity.ERROR,
    summary="Do not use sudo in RUN; switch USER for the steps that need root.",
    check=check,
    doc=__doc__ or "",
    tags=("security",),
)
