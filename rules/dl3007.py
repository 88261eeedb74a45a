"""DL3007 ``latest-tag``: do not use the ``latest`` tag.

## What it does
Reports a FROM whose image (after expanding global ARG defaults) is tagged ``latest`` without a
digest. The finding is on the tag when it is written in the FROM line, else on the image. Tags
are case-sensitive: ``LATEST`` is another tag.

## Why is this bad?
``latest`` moves. Builds stop being reproducible, and an update of the base image can break the
build or the application with no change in the Dockerfile.

## Example
```dockerfile
FROM alpine:latest
RUN echo hello
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN echo hello
```

## How dockwise differs from hadolint
The tag is found after resolving ARG defaults (``ARG TAG=latest`` / ``FROM alpine:$TAG`` is
reported). An image pinned by digest (``alpine:latest@sha256:...``) is reproducible and not
reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation for each base image tagged ``latest`` (after ARG expansion) without a
    digest; the finding is on the tag when it is written literally."""
    for stage in model.stages:
        base = stage.base
        image = stage.from_.image
        if base is None or image is None or base.digest or base.tag != "latest":
            continue
        span = image.span
        written = image.text.rfind(":latest")
        if written >= 0 and written + len(":latest") == len(image.text):
            start = image.offset + written + 1
            span = stage.from_.span_of(start, start + len("latest"))
        yield Violation(span, f"image '{base.text}' uses the 'latest' tag; pin a version",
                        stage.from_, fix=f"{base.registry + '/' if base.registry else ''}"
                        f"{base.repository}:<version>")


RULE = Rule(
    id="DL3007",
    name="latest-tag",
    severity=Severity.WARNING,
    summary="Using the 'latest' tag makes builds unreproducible; pin a version.",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
