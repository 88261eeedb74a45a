"""DW101 ``toolchain-in-final-image``: the final image is built on the Go toolchain image.

## What it does
Reports when the final stage's base, followed through ARG defaults and parent stages, is the
official Go image (``golang``, ``docker.io/library/golang``, ``mirror.gcr.io/golang``...).

## Why is this bad?
The ``golang`` image carries the whole compiler, the module cache and a full Debian or Alpine
userland: about 800 MB for a service whose binary is 10-20 MB (the guide's comparison). Every
one of those files ships, is pulled, and is attack surface. Build in a ``golang`` stage and copy
the binary into ``scratch``, ``distroless`` or ``alpine``.

## Example
```dockerfile
FROM golang:1.22
WORKDIR /src
COPY . .
RUN go build -o /app .
CMD ["/app"]
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
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
    """Yield one violation at the FROM that brings the Go toolchain into the final image."""
    final = model.final_stage
    if final is None:
        return
    stage = final.root
    if stage.base is None or not stage.base.is_go_toolchain:
        return
    image = stage.from_.image
    if image is None:
        return
    yield Violation(image.span, f"the final image is based on the Go toolchain image "
                    f"'{stage.base.text}'; build in a separate stage and copy the binary into "
                    "a minimal base", stage.from_)


RULE = Rule(
    id="DW101",
    name="toolchain-in-final-image",
    severity=Severity.WARNING,
    summary="The final image is based on the Go toolchain image (golang).",
    check=check,
    doc=__doc__ or "",
    tags=("go", "size", "guide"),
)
