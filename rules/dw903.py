"""DW903 ``shellcheck-failed``: ShellCheck could not check this file's RUN scripts.

## What it does
Reported once per file, at its first checked RUN, when the ShellCheck process that checks the
file's scripts (rule ``SC``) could not be started, did not finish within its ``timeout``, needed
more than its 1 GiB of memory, or failed; the message says which. Also reported at each RUN
whose script is longer than 16 KiB (16,384 bytes of UTF-8) or nests subshells, substitutions
or compound commands more than 32 levels deep: such a script is not given to ShellCheck, whose
time and memory grow with the square of one long ``&&`` chain (64 KiB took 36 s and 7 GB) and
explode with nesting (5,000 nested subshells: 30 s and 4.2 GB); the file's other scripts are
still checked. The other rules still run and report as usual. This rule has no check of its
own: the ShellCheck pass reports it, and it is here so that it can be ignored, given a
severity and explained like any rule.

A missing ShellCheck is not a failure (``dockwise rules`` says that it is not installed); an
executable named by the ``DOCKWISE_SHELLCHECK`` environment variable that cannot be run is.

## Why is this bad?
Without this finding a broken or hung ShellCheck would look like a file with no shell
problems. There is nothing to change in the Dockerfile: point ``DOCKWISE_SHELLCHECK`` at a
working ShellCheck, raise ``timeout``, or turn ShellCheck off with ``shellcheck = false``.

## Example
```dockerfile
FROM alpine:3.20
RUN echo "checked by ShellCheck"
```

## Use instead
Only files with shell scripts start ShellCheck; this one (exec form only) never reports it.
```dockerfile
FROM alpine:3.20
RUN ["/bin/echo", "not a shell script"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Nothing: the ``SC`` rule reports DW903 (the engine files it under this rule)."""
    return iter(())


RULE = Rule(
    id="DW903",
    name="shellcheck-failed",
    severity=Severity.WARNING,
    summary="ShellCheck could not check the RUN scripts (not startable, timed out, failed, "
            "script too long or too deeply nested).",
    check=check,
    doc=__doc__ or "",
    tags=("meta",),
    # the examples run the ShellCheck pass with an executable that does not exist
    example_config={"extend_select": ("SC",)},
    example_env={"DOCKWISE_SHELLCHECK": "/nonexistent/dockwise-test/shellcheck"},
)
