"""DL3023 ``copy-from-own-stage``: ``COPY --from`` cannot copy from the stage it is in.

## What it does
Reports ``COPY --from=NAME`` (or an index) that refers to the stage containing the COPY.

## Why is this bad?
A stage cannot read its own result while it is being built; BuildKit fails with a circular
dependency.

## Example
```dockerfile
FROM golang:1.22 AS builder
COPY --from=builder /go/bin/app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS builder
RUN go build -o /go/bin/app .
FROM alpine:3.20
COPY --from=builder /go/bin/app /app
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per ``COPY --from`` naming its own stage."""
    for instr in model.instructions(n.Copy):
        assert isinstance(instr, n.Copy)
        flag = instr.flag("from")
        stage = model.stage_of(instr)
        if flag is None or not flag.value or stage is None:
            continue
        exp = model.expand(flag.value, instr)
        if not exp.known:
            continue
        value = exp.text.lower()
        if value == stage.name or (value.isdigit() and int(value) == stage.index):
            yield Violation(flag.value_span or flag.span,
                            f"COPY --from={exp.text} refers to the stage it is in", instr)


RULE = Rule(
    id="DL3023",
    name="copy-from-own-stage",
    severity=Severity.ERROR,
    summary="COPY --from cannot reference its own stage.",
    check=check,
    doc=__doc__ or "",
)
