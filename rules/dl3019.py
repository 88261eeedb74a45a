"""DL3019 ``apk-add-no-cache``: use ``apk add --no-cache``.

## What it does
Reports ``apk add`` without ``--no-cache`` (before or after ``add``), unless ``/var/cache/apk``
is a cache mount of the RUN (``--mount=type=cache,target=/var/cache/apk``), where the index
never lands in the image.

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
FROM alpine:3.20
RUN apk add --no-cache ca-certificates
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import apk_adds


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``apk add`` word pair lacking ``--no-cache``."""
    for _stage, run in model.runs():
        if any(t.rstrip("/") in ("/var/cache/apk", "/etc/apk/cache")
               for t in model.cache_mount_targets(run)):
            continue
        for script in model.scripts(run):
            for inv in apk_adds(script):
                if inv.has("--no-cache"):
                    continue
                span = inv.subcommand.span if inv.subcommand else inv.command.span
                prog = inv.command.argv[0].span
                yield Violation(prog.cover(span),
                                "'apk add' without --no-cache leaves the package index in the "
                                "layer", run, fix="apk add --no-cache ...")


RULE = Rule(
    id="DL3019",
    name="apk-add-no-cache",
    severity=Severity.INFO,
    summary="Use 'apk add --no-cache' so the package index does not stay in the image.",
    check=check,
    doc=__doc__ or "",
    tags=("size", "guide"),
)
