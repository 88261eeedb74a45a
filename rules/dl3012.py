"""DL3012 ``multiple-healthcheck``: a stage has more than one HEALTHCHECK.

## What it does
Reports each HEALTHCHECK (``NONE`` included) that follows another one in the same stage, at
the later one, naming the line it replaces. A HEALTHCHECK in a parent stage does not count.
BuildKit's build check ``MultipleInstructionsDisallowed`` covers this, DL4003 (CMD) and DL4004
(ENTRYPOINT); skipping that name skips all three.

## Why is this bad?
Only the last HEALTHCHECK of a stage is recorded in the image; the earlier ones never run, and
the intervals or commands a reader sees there are not the ones the orchestrator uses.

## Example
```dockerfile
FROM alpine:3.20
HEALTHCHECK CMD ["wget", "-q", "-O-", "http://localhost:8080/"]
HEALTHCHECK --interval=10s CMD ["wget", "-q", "-O-", "http://localhost:8080/healthz"]
```

## Use instead
```dockerfile
FROM alpine:3.20
HEALTHCHECK --interval=10s CMD ["wget", "-q", "-O-", "http://localhost:8080/healthz"]
```

## How dockwise differs from hadolint
Same instructions reported, at hadolint's position (the later one); BuildKit reports the earlier
one.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules.dl4003 import overridden_violations
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each HEALTHCHECK after the first in its stage."""
    yield from overridden_violations(model, n.Healthcheck)


RULE = Rule(
    id="DL3012",
    name="multiple-healthcheck",
    severity=Severity.ERROR,
    summary="Only the last HEALTHCHECK of a stage takes effect; remove the others.",
    check=check,
    doc=__doc__ or "",
    aliases=("MultipleInstructionsDisallowed",),
    tags=("buildkit",),
)
