"""SC ``shellcheck``: ShellCheck's findings on the shell scripts RUN executes.

## What it does
Runs [ShellCheck](https://www.shellcheck.net) on every shell-form RUN, every RUN heredoc that
runs as a shell script and every ``["sh", "-c", "..."]`` exec form, and reports each of its
comments under ShellCheck's own code (``SC2086``) and level (error, warning, info, style),
at the exact line and column inside the RUN. Each script is checked in the dialect that runs
it: the stage's SHELL (inherited from a parent stage), the shell a heredoc is fed to
(``RUN <<EOF bash``), or the heredoc's shebang; ``/bin/sh`` on an Alpine or BusyBox base is
checked as BusyBox ``ash``. A heredoc with a non-shell shebang (``#!/usr/bin/env python3``)
and RUN under ``cmd`` or PowerShell are not checked.

Needs the ShellCheck binary: ``pip install 'dockwise[shellcheck]'``. Without it this rule
reports nothing (``dockwise rules`` says so); ``shellcheck = false`` in the configuration
turns it off. All scripts of a file are checked by one ShellCheck process; option:
``[tool.dockwise.rules.shellcheck] timeout`` (seconds, 30 by default). The executable is the
one installed with dockwise, else ``shellcheck`` on ``PATH``, or the one the
``DOCKWISE_SHELLCHECK`` environment variable names (never one a configuration file names: that
file may belong to the repository being linted). When the process fails, DW903 says so; a
script longer than 16 KiB or nesting more than 32 levels deep is not given to ShellCheck
(DW903 says that too).

Codes work like rule ids: ``--ignore SC2086``, ``# hadolint ignore=SC2086`` above the RUN,
``severity = {SC2086 = "error"}``, hadolint's ``override:`` lists. ShellCheck's own
``# shellcheck disable=SC2086`` works inside heredoc bodies (in a continued RUN line, BuildKit
removes comment lines before the shell sees them).

## Why is this bad?
A RUN line is a shell script that nobody runs through a linter: an unquoted variable that
splits, a ``cd`` whose failure is ignored, a ``[[`` that ``/bin/sh`` does not know, a typo in
a variable name all make builds fail, or worse, succeed wrongly.

## Example
```dockerfile
FROM debian:12
ARG pkgs
RUN cp $0 /tmp/backup && echo $missing
```

## Use instead
```dockerfile
FROM debian:12
ARG pkgs
RUN cp "$0" /tmp/backup && echo "$pkgs"
```

## How dockwise differs from hadolint
- Findings are at the line and column of the offending word, not on the RUN's first line.
- Heredocs are checked in the dialect they run in: ``RUN <<EOF bash`` and a
  ``#!/usr/bin/env bash`` body are bash (no SC3040 on ``set -o pipefail``); a Python heredoc
  is not shell-checked. SHELL inherited from a parent stage counts.
- ``/bin/sh`` on Alpine is BusyBox ``ash``: ``source`` and ``[[`` are not reported there
  (hadolint checks every ``/bin/sh`` as POSIX sh).
- ARG and ENV values the file gives are what ShellCheck sees: ``ENV FLAGS="-O2 -g"`` then
  ``cc $FLAGS`` is reported (SC2086, the value does split), ``ARG GOOS=linux`` then
  ``$GOOS`` is not. An ARG without a default is taken as one word, like hadolint (ShellCheck
  alone would ask for quotes).
- SC1090 and SC1091 (``source`` of a file ShellCheck cannot follow) are never reported: the
  file is inside the image, not next to the Dockerfile. A script that sources a file gets no
  SC2154 (referenced but not assigned): the sourced file may assign it.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model

#: ShellCheck's levels as dockwise severities (the same four names).
LEVELS = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO,
          "style": Severity.STYLE}
#: The meta rule that reports a failed ShellCheck run.
FAILED_ID = "DW903"


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Run ShellCheck once over the file's scripts and yield one violation per comment, or
    one DW903 violation when ShellCheck could not run, and one for each script too long or too
    deeply nested to give it (:func:`dockwise.shellcheck.refusal`)."""
    if not config.shellcheck:
        return
    from dockwise import shellcheck  # process handling, loaded only when ShellCheck runs

    options = config.rule_options("SC", "shellcheck")
    binary = shellcheck.find_binary(shellcheck.configured_binary())
    if binary is None:
        return
    batch = []
    for job in shellcheck.jobs(model):
        why = shellcheck.refusal(job)
        if why is None:
            batch.append(job)
        else:
            yield Violation(job.instruction.keyword_span, f"{why}, so it was not shell-checked",
                            job.instruction, code=FAILED_ID)
    if not batch:
        return
    result = shellcheck.run(batch, binary, float(options.get("timeout",
                                                             shellcheck.DEFAULT_TIMEOUT)))
    if result.error is not None:
        first = batch[0].instruction
        yield Violation(first.keyword_span,
                        f"{result.error}; the RUN scripts of this file were not shell-checked",
                        first, code=FAILED_ID)
        return
    seen: set[tuple[str, int, int, int, int]] = set()
    for c in result.comments:
        key = (c.code, c.span.start_line, c.span.start_column, c.span.end_line,
               c.span.end_column)
        if key in seen:  # a heredoc body checked both as script and inside its RUN line
            continue
        seen.add(key)
        yield Violation(c.span, c.message, batch[c.job].instruction, fix=c.fix, code=c.code,
                        severity=LEVELS.get(c.level, Severity.WARNING))


RULE = Rule(
    id="SC",
    name="shellcheck",
    severity=Severity.WARNING,
    summary="ShellCheck's findings (SCxxxx, at their own level) on RUN scripts; needs the "
            "shellcheck extra.",
    check=check,
    doc=__doc__ or "",
    tags=("shell",),
)
