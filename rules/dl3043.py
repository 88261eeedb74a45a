"""DL3043 ``onbuild-forbidden-trigger``: ONBUILD with ONBUILD, FROM or MAINTAINER.

## What it does
Reports ``ONBUILD ONBUILD ...``, ``ONBUILD FROM ...`` and ``ONBUILD MAINTAINER ...``, at the
trigger's keyword.

## Why is this bad?
BuildKit refuses these triggers when it parses the Dockerfile, so the build fails: an ONBUILD
trigger runs in the build of a downstream image, where a new FROM or another level of ONBUILD
makes no sense, and MAINTAINER is deprecated.

## Example
```dockerfile
FROM alpine:3.20
ONBUILD FROM alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20
ONBUILD COPY . /app
```

## How dockwise differs from hadolint
BuildKit's parser rejects these triggers, so they are syntax errors; dockwise reports them
under this rule only (not also as DL1000) so that existing ``DL3043`` settings and pragmas keep
applying to them.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per forbidden ONBUILD trigger the parser found."""
    instructions = model.dockerfile.instructions
    for issue in model.dockerfile.errors:
        if issue.rule != RULE.id:
            continue
        instr = instructions[issue.instruction] if issue.instruction is not None else None
        trigger = model.dockerfile.lines[issue.span.start_line - 1][
            issue.span.start_column - 1:issue.span.end_column - 1].upper()
        yield Violation(issue.span, f"ONBUILD {trigger} is not allowed: BuildKit rejects "
                        f"{trigger} as an ONBUILD trigger", instr)


RULE = Rule(
    id="DL3043",
    name="onbuild-forbidden-trigger",
    severity=Severity.ERROR,
    summary="ONBUILD must not trigger ONBUILD, FROM or MAINTAINER.",
    check=check,
    doc=__doc__ or "",
)
