"""DW403 ``no-empty-continuation``: a blank line inside a continued instruction.

## What it does
Reports each empty (or whitespace-only) line that sits between the lines of one instruction
continued with ``\\``. This is BuildKit's build check ``NoEmptyContinuation``; BuildKit reports
it once per instruction, dockwise at each blank line.

## Why is this bad?
The parser skips the blank line today, so the instruction goes on; Docker has announced that
this will become an error. It also misleads the reader, who sees the blank line as the end of
the instruction and the next line as a new one.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache \\

    curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache \\
    curl
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each blank line inside a continuation."""
    lines = model.dockerfile.lines
    for line in model.dockerfile.empty_continuation_lines:
        yield Violation(n.Span.line(line, lines[line - 1]), "empty line inside a continued "
                        "instruction; remove it (a future Dockerfile syntax rejects it)",
                        fix="delete the line")


RULE = Rule(
    id="DW403",
    name="no-empty-continuation",
    severity=Severity.WARNING,
    summary="Do not leave blank lines inside a \\-continued instruction.",
    check=check,
    doc=__doc__ or "",
    aliases=("NoEmptyContinuation",),
    tags=("buildkit",),
)
