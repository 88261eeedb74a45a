"""DW102 ``single-stage-go-build``: ``go build`` runs in the final stage.

## What it does
Reports ``go build`` or ``go install`` executed in the final stage itself (including stages the
final stage is built ``FROM``).

## Why is this bad?
Whatever the build needs (compiler, sources, module and build caches) stays in the image. The
guide's multi-stage pattern compiles in a builder stage and copies only the binary into the
runtime stage.

## Example
```dockerfile
FROM golang:1.22-alpine
WORKDIR /src
COPY . .
RUN go build -o /app .
CMD ["/app"]
```

## Use instead
```dockerfile
FROM golang:1.22-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /app .

FROM alpine:3.20
COPY --from=build /app /app
CMD ["/app"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import go_invocations


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per ``go build``/``go install`` in the final image's FROM chain."""
    final = model.final_stage
    chain = {s.index for s in final.lineage} if final is not None else set()
    for stage, run in model.runs():
        if stage.index not in chain:
            continue
        for script in model.scripts(run):
            for inv in go_invocations(script):
                sub = inv.subcommand
                span = inv.command.argv[0].span.cover(sub.span) if sub else inv.command.span
                yield Violation(span, f"'go {sub.text if sub else 'build'}' runs in the final "
                                "stage; compile in a builder stage and copy only the binary",
                                run)


RULE = Rule(
    id="DW102",
    name="single-stage-go-build",
    severity=Severity.WARNING,
    summary="go build runs in the final stage; use a multi-stage build.",
    check=check,
    doc=__doc__ or "",
    tags=("go", "size", "guide"),
)
