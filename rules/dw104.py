"""DW104 ``final-base-not-minimal``: the runtime stage of a multi-stage build uses a large base.

## What it does
In a multi-stage build, reports the final stage's base (through parent stages) when it is a
full distribution or toolchain image rather than ``scratch``, alpine, distroless, ``busybox``,
a Chainguard image or a ``-slim`` variant. Bases that depend on an unknown ARG, and Windows
images, are not reported.

## Why is this bad?
The point of a separate runtime stage is to ship only what the program needs. A full
``debian``/``ubuntu``/``node``/``python`` base adds tens to hundreds of megabytes of packages the
binary never uses, each one a possible vulnerability. The guide's runtime stages use alpine,
distroless or scratch.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /app .
FROM ubuntu:24.04
COPY --from=build /app /app
CMD ["/app"]
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /app .
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /app /app
CMD ["/app"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation at the final image's base when it is not a minimal image."""
    final = model.final_stage
    if final is None or len(model.stages) < 2:
        return
    stage = final.root
    base = stage.base
    image = stage.from_.image
    if base is None or image is None or not base.known or base.is_windows or base.is_minimal:
        return
    yield Violation(image.span, f"the runtime stage is based on '{base.text}', a full image; "
                    "prefer scratch, distroless, alpine or a -slim variant", stage.from_)


RULE = Rule(
    id="DW104",
    name="final-base-not-minimal",
    severity=Severity.INFO,
    summary="In a multi-stage build, base the final stage on a minimal image.",
    check=check,
    doc=__doc__ or "",
    tags=("size", "guide"),
)
