"""DL3051 ``empty-label``: a label the schema lists is set to an empty value.

## What it does
For each key in ``label-schema``, reports a LABEL pair that sets it to the empty string, after
ARG/ENV expansion (``ARG VERSION=""`` / ``LABEL version=$VERSION`` is empty when built without
``--build-arg``). The finding covers the whole ``key=value`` pair. Values that depend on a
variable the linter cannot know are not judged.

## Why is this bad?
An empty label is as good as a missing one, and it hides the omission from tools that only
check that the key exists.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision=""
```

## Use instead
```dockerfile
FROM alpine:3.20
ARG GIT_COMMIT
LABEL org.opencontainers.image.revision="${GIT_COMMIT}"
```

## How dockwise differs from hadolint
The value is judged after variable expansion, so an empty ARG default is caught; and a value
taken from an ARG without a default (set with ``--build-arg``) is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules._labels import resolved


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each schema label whose known value is empty."""
    keys = config.label_schema
    if not keys:
        return
    for lp in model.labels():
        if lp.key in keys and lp.known and lp.value == "":
            yield Violation(lp.pair.span, f"label '{lp.key}' is empty{resolved(lp)}",
                            lp.instruction)


RULE = Rule(
    id="DL3051",
    name="empty-label",
    severity=Severity.WARNING,
    summary="A label listed in the label schema is empty.",
    check=check,
    doc=__doc__ or "",
    tags=("labels",),
    example_config={"label_schema": {"org.opencontainers.image.revision": "hash"}},
)
