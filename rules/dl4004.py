"""DL4004 ``multiple-entrypoint``: a stage has more than one ENTRYPOINT.

## What it does
Reports each ENTRYPOINT that follows another ENTRYPOINT in the same stage, at the later one,
naming the line it replaces. An ENTRYPOINT in a parent stage does not count. BuildKit's build
check ``MultipleInstructionsDisallowed`` covers this, DL4003 (CMD) and DL3012 (HEALTHCHECK);
skipping that name skips all three.

## Why is this bad?
Only the last ENTRYPOINT of a stage reaches the image. An earlier one is dead code that a
reader will take for the program the container starts.

## Example
```dockerfile
FROM alpine:3.20
ENTRYPOINT ["/usr/local/bin/server"]
ENTRYPOINT ["/usr/local/bin/worker"]
```

## Use instead
```dockerfile
FROM alpine:3.20
ENTRYPOINT ["/usr/local/bin/worker"]
```

## How dockwise differs from hadolint
Same instructions reported, at hadolint's position (the later one), so existing pragmas keep
working; BuildKit reports the earlier one.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules.dl4003 import overridden_violations
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ENTRYPOINT after the first in its stage."""
    yield from overridden_violations(model, n.Entrypoint)


RULE = Rule(
    id="DL4004",
    name="multiple-entrypoint",
    severity=Severity.ERROR,
    summary="Only the last ENTRYPOINT of a stage takes effect; remove the others.",
    check=check,
    doc=__doc__ or "",
    aliases=("MultipleInstructionsDisallowed",),
    tags=("buildkit",),
)
