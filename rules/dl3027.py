r"""DL3027 ``apt-in-scripts``: use ``apt-get`` or ``apt-cache``, not ``apt``, in a Dockerfile.

## What it does
Reports every command that runs ``apt`` (also through ``sudo`` or ``env``), at the ``apt``
word.

## Why is this bad?
``apt`` is the interactive front end: its output has progress bars and colours, and its
manual page warns that its command line may change between versions, so scripts should not
rely on it. ``apt-get`` and ``apt-cache`` offer the same operations with a stable interface.

## Example
```dockerfile
FROM debian:12
RUN apt update && apt install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
 && rm -rf /var/lib/apt/lists/*
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``apt`` program word."""
    for _stage, run, _script, call in model.package_calls("apt"):
        if call.invocation.program == "apt":
            tool = "apt-cache" if call.action in ("search", "show", "policy", "depends",
                                                  "rdepends", "madison") else "apt-get"
            yield Violation(call.program_word.span, "'apt' has no stable command line for "
                            f"scripts; use {tool}", run, fix=tool)


RULE = Rule(
    id="DL3027",
    name="apt-in-scripts",
    severity=Severity.WARNING,
    summary="Use apt-get or apt-cache instead of apt.",
    check=check,
    doc=__doc__ or "",
    tags=("reliability",),
)
