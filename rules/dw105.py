"""DW105 ``final-stage-runs-as-root``: the image runs as root because no USER is set.

## What it does
Reports the final stage when no USER is set in it or in the stages it is built ``FROM`` and its
base image is not known to default to a non-root user (distroless ``:nonroot`` tags, Chainguard
images), so the image runs as the base image's root user. Images whose base depends on an
unknown ARG are not reported.

## Why is this bad?
Processes in the container run as root: a compromised service can change any file in the
container and has more ways out of it. The guide adds a non-root user for the runtime stage;
distroless offers ``:nonroot`` tags for the same purpose.

## Example
```dockerfile
FROM alpine:3.20
COPY app /app
CMD ["/app"]
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN adduser -D -H -u 10001 app
COPY app /app
USER 10001
CMD ["/app"]
```

## Relation to DL3002
An explicit ``USER root`` (or ``0``) that the image ends with is DL3002's finding, hadolint's
id, so existing ``# hadolint ignore=DL3002`` comments and ``ignored: [DL3002]`` settings keep
working; DW105 adds the common case hadolint cannot see: never setting USER at all. Between
them, an image that runs as root is reported exactly once.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation when no USER is set for the final image and its base runs as
    root (an explicit root USER is DL3002's)."""
    final = model.final_stage
    if final is None:
        return
    state = final.final_state
    base = final.root_base
    if state.user_instruction is not None:
        return
    if base is None or not base.known or base.defaults_to_nonroot or base.is_windows:
        return
    image = final.from_.image
    if image is None:
        return
    yield Violation(image.span, "the final image runs as root: no USER is set and "
                    f"'{base.text}' defaults to root", final.from_,
                    fix="add a non-root user and USER <uid> before CMD")


RULE = Rule(
    id="DW105",
    name="final-stage-runs-as-root",
    severity=Severity.WARNING,
    summary="The final image should not run as root.",
    check=check,
    doc=__doc__ or "",
    tags=("security", "guide"),
    security_severity=5.0,
)
