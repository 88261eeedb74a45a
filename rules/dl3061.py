"""DL3061 ``instruction-before-from``: an instruction other than ARG comes before the first FROM.

## What it does
Reports each instruction before the first FROM that is not ARG (parser directives and comments
are fine there). In a file without any FROM, every instruction but ARG is reported. The finding
is on the instruction keyword. An unknown instruction word is left to DL1000.

## Why is this bad?
Only ARG may precede FROM: it declares values for the FROM lines. Anything else has no stage to
run in, and BuildKit refuses the file.

## Example
```dockerfile
LABEL maintainer="platform@example.com"
FROM alpine:3.20
```

## Use instead
```dockerfile
ARG ALPINE_VERSION=3.20
FROM alpine:${ALPINE_VERSION}
LABEL maintainer="platform@example.com"
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per non-ARG instruction that precedes the first FROM."""
    where = "before the first FROM" if model.stages else "in a file without FROM"
    for instr in model.before_first_from:
        if isinstance(instr, (n.Arg, n.Unknown)):
            continue
        yield Violation(instr.keyword_span, f"{instr.name} {where}: only ARG may come before "
                        "FROM", instr)


RULE = Rule(
    id="DL3061",
    name="instruction-before-from",
    severity=Severity.ERROR,
    summary="A Dockerfile must begin with FROM, ARG or a comment.",
    check=check,
    doc=__doc__ or "",
)
