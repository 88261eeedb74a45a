"""DL3006 ``untagged-image``: always tag the version of a base image.

## What it does
Reports a FROM whose image, after expanding global ARG defaults, has neither a tag nor a
digest. ``scratch``, earlier stages and images whose name depends on an ARG without a known
value are not reported.

## Why is this bad?
An untagged image means ``:latest``: whatever was pushed last. The build can change, or break,
without any change to the Dockerfile.

## Example
```dockerfile
FROM debian
RUN echo hello
```

## Use instead
```dockerfile
FROM debian:12.6-slim
RUN echo hello
```

## How dockwise differs from hadolint
hadolint exempts every image that starts with ``$``, so ``ARG BASE=debian`` / ``FROM $BASE``
goes unchecked; dockwise resolves ``FROM $BASE`` and ``FROM ${IMAGE}:${TAG}`` through the ARG
defaults and checks the result. A registry with a port, even from a variable
(``FROM $REGISTRY:5000/app:1``), is not mistaken for a tag.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation for each stage whose known base image has no tag and no digest."""
    for stage in model.stages:
        base = stage.base
        image = stage.from_.image
        if base is None or image is None or not base.known or base.is_scratch:
            continue
        if base.tag is None and base.digest is None:
            resolved = f" (resolves to '{base.text}')" if base.text != image.text else ""
            yield Violation(image.span,
                            f"image '{image.text}'{resolved} has no tag; pin a version",
                            stage.from_, fix=f"{base.text}:<version>")


RULE = Rule(
    id="DL3006",
    name="untagged-image",
    severity=Severity.WARNING,
    summary="Always tag the version of a base image.",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
