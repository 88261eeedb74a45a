"""DL3057 ``missing-healthcheck``: the image has no HEALTHCHECK (off by default).

## What it does
Reports the final stage (the last one, or ``--target``) when neither it nor a stage it is built
``FROM`` has a HEALTHCHECK instruction (an ONBUILD HEALTHCHECK of the parent stage counts, as
it runs in the child). ``HEALTHCHECK NONE`` counts as a deliberate choice. The finding is on
the final stage's FROM line. The rule is off unless selected (``extend-select = ["DL3057"]``),
as in hadolint.

## Why is this bad?
Without a health check the engine only knows whether the process is running, not whether it
works: a server that hangs or lost its database connection keeps receiving traffic. Docker and
Swarm restart or replace containers whose health check fails.

## Example
```dockerfile
FROM alpine:3.20
COPY app /app
CMD ["/app"]
```

## Use instead
```dockerfile
FROM alpine:3.20
COPY app /app
HEALTHCHECK --interval=30s CMD ["/app", "healthcheck"]
CMD ["/app"]
```

## How dockwise differs from hadolint
hadolint reports every stage without a HEALTHCHECK, builder stages included; only the image
the build produces runs as a container, so dockwise checks that image, counting a HEALTHCHECK
inherited from a parent stage. The base image's own HEALTHCHECK is unknown to the linter.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation when the final image has no HEALTHCHECK."""
    final = model.final_stage
    if final is None or any(isinstance(i, n.Healthcheck)
                            for i in model.image_instructions(final)):
        return
    yield Violation(final.from_.head_span(),
                    f"the image built by stage '{final.label}' has no HEALTHCHECK",
                    final.from_, fix='HEALTHCHECK CMD ["..."]')


RULE = Rule(
    id="DL3057",
    name="missing-healthcheck",
    severity=Severity.INFO,
    summary="The image has no HEALTHCHECK instruction.",
    check=check,
    doc=__doc__ or "",
    enabled=False,
)
