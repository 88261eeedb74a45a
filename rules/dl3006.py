"""DL3006 ``untagged-image``: always tag the version of a base image.

## What it does
Reports a FROM whose image, after expanding global ARG defaults, has neither a tag nor a
digest. The finding is on the image. ``scratch`` and earlier stages are not reported, nor an
image whose name depends on an ARG without a known value (``FROM $IMAGE`` may hold a tag); an
unknown registry cannot add a tag, so ``FROM $REGISTRY/app`` is still reported.

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
(``FROM $REGISTRY:5000/app:1``), is not mistaken for a tag, and a stage chosen by a variable
(``FROM build-${TARGETARCH}``) is not taken for an untagged image.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation for each stage whose base image has no tag and no digest.

    Unknown variables are tolerated where they cannot supply a tag: ``FROM $REGISTRY/app`` is
    untagged whatever ``REGISTRY`` is, while ``FROM $IMAGE`` may hold one and is skipped.
    """
    for stage in model.stages:
        base = stage.base
        image = stage.from_.image
        if base is None or image is None or base.is_scratch or "$" in base.repository:
            continue
        if base.tag is None and "@" not in base.text:  # "@" starts a digest
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
