"""DL3019 ``apk-add-no-cache``: use ``apk add --no-cache``.

## What it does
Reports ``apk add`` without ``--no-cache`` (before or after ``add``), and ``apk update``
(which downloads the index to keep it), in a stage whose layers end up in an image, unless
the call cannot download anything (``--no-network``), the RUN deletes ``/var/cache/apk``
after it (``rm -rf /var/cache/apk/*``), or it mounts a cache or tmpfs there
(``--mount=type=cache,target=/var/cache/apk``). A stage that is only a builder (its files
reach the image through ``COPY --from``) is not checked: its cache never ships.

## Why is this bad?
Without ``--no-cache`` apk stores its package index in ``/var/cache/apk`` inside the layer: a
few megabytes that the image carries forever. The Go/Gin guide installs its runtime packages
with ``apk --no-cache add`` for this reason.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add ca-certificates
```

## Use instead
```dockerfile
FROM golang:1.22-alpine AS build
RUN apk add git
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /app .

FROM alpine:3.20
RUN apk add --no-cache ca-certificates
RUN apk update && apk add tzdata && rm -rf /var/cache/apk/*
COPY --from=build /app /app
```

## How dockwise differs from hadolint
- Deleting ``/var/cache/apk`` later in the same RUN counts: the layer ends up the same. So
  does ``--no-network`` (the official redis images' ``apk add --no-network --virtual
  .rundeps $runDeps`` only records packages that are already installed).
- ``apk update && apk add --no-cache ...`` is reported: ``--no-cache`` does not remove the
  index that ``apk update`` already stored.
- Builder stages are not checked; hadolint reports ``apk add`` in every stage.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model

CACHE = ("/var/cache/apk", "/etc/apk/cache")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``apk add`` that leaves the package index in the image."""
    for run, _script, call in model.calls_leaving_cache(
            "apk", {"add", "update"}, CACHE,
            uncached=lambda r, s, c: c.has("--no-cache", "--no-network")):
        if call.action == "update":
            message = ("'apk update' stores the package index in the layer; let 'apk add "
                       "--no-cache' fetch it instead")
        else:
            message = "'apk add' without --no-cache leaves the package index in the layer"
        yield Violation(call.head_span, message, run, fix="apk add --no-cache ...")


RULE = Rule(
    id="DL3019",
    name="apk-add-no-cache",
    severity=Severity.INFO,
    summary="Use 'apk add --no-cache' so the package index does not stay in the image.",
    check=check,
    doc=__doc__ or "",
    tags=("size", "guide"),
)
