"""DW108 ``obsolete-go-build-flags``: ``go build -a`` and ``-installsuffix cgo`` are obsolete.

## What it does
Reports the ``-a`` and ``-installsuffix`` flags of ``go build``.

## Why is this bad?
Both date from before Go 1.10, when installed packages lived in ``$GOPATH/pkg`` and a cgo-free
build had to be kept apart from the normal one (``-installsuffix cgo``) and forced to rebuild
everything (``-a``). Since Go 1.10 the build cache keys every package by its full configuration,
including ``CGO_ENABLED``, so ``CGO_ENABLED=0 go build`` alone gives a static binary. ``-a`` now
only throws the cache away and makes every build slower; ``-installsuffix`` does nothing useful.
The guide's Dockerfiles still carry them from older tutorials.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN CGO_ENABLED=0 GOOS=linux go build -a -installsuffix cgo -o main .
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN CGO_ENABLED=0 GOOS=linux go build -o main .
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import go_invocations


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per obsolete flag word on ``go build``."""
    for _stage, run in model.runs():
        for script in model.scripts(run):
            for inv in go_invocations(script, ("build", "install")):
                for opt in inv.options:
                    if opt.name == "-a":
                        yield Violation(opt.word.span, "'-a' forces a full rebuild and defeats "
                                        "the build cache; it is not needed since Go 1.10", run)
                    elif opt.name == "-installsuffix":
                        span = opt.word.span
                        if opt.value is not None and opt.value.span != span:
                            span = span.cover(opt.value.span)
                        yield Violation(span, "'-installsuffix' is obsolete since Go 1.10 "
                                        "(the build cache keys on CGO_ENABLED)", run)


RULE = Rule(
    id="DW108",
    name="obsolete-go-build-flags",
    severity=Severity.STYLE,
    summary="Drop the obsolete go build flags -a and -installsuffix.",
    check=check,
    doc=__doc__ or "",
    tags=("go", "guide"),
)
