"""DL3023 ``copy-from-own-stage``: ``COPY --from`` cannot copy from the stage it is in.

## What it does
Reports ``COPY --from=NAME`` or ``RUN --mount=from=NAME`` (a name or an index, after ARG
expansion, compared case-insensitively) that refers to the stage containing the instruction.
The finding is on the value.

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

## How dockwise differs from hadolint
Stage indexes (``--from=0``), values from ARGs and ``RUN --mount=from=`` are checked too.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per ``--from`` (COPY, RUN ``--mount``) naming its own stage."""
    for instr, written, span in model.from_references():
        stage = model.stage_of(instr)
        exp = model.expand(written, instr)
        if stage is None or not exp.known:
            continue
        value = exp.text.lower()
        if value == stage.name or (value.isdigit() and int(value) == stage.index):
            what = "COPY --from" if isinstance(instr, n.Copy) else "RUN --mount from"
            yield Violation(span, f"{what}={exp.text} refers to the stage it is in, which "
                            "does not exist until it is built", instr)


RULE = Rule(
    id="DL3023",
    name="copy-from-own-stage",
    severity=Severity.ERROR,
    summary="COPY --from cannot reference its own stage.",
    check=check,
    doc=__doc__ or "",
)
