"""DW105 ``final-stage-runs-as-root``: the image's default user is root.

## What it does
Reports the final stage when no USER is set in it or in the stages it is built ``FROM``, or
when the last USER is ``root``/``0``, unless its base image is known to default to a non-root
user (distroless ``:nonroot`` tags, Chainguard images). Images whose base depends on an unknown
ARG are not reported when no USER is set.

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
DL3002 (hadolint's rule) reports an explicit ``USER root`` line; DW105 looks at the image as a
whole, so it also catches the common case of never setting USER at all.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation when the final image runs as root."""
    from dockwise.rules.dl3002 import is_root

    final = model.final_stage
    if final is None:
        return
    state = final.final_state
    base = final.root_base
    if state.user_instruction is not None:
        if not is_root(state.user or ""):
            return
        instr = state.user_instruction
        assert instr.value is not None
        yield Violation(instr.value.span, "the final image runs as root (last USER is "
                        f"'{state.user}'); switch to an unprivileged user", instr)
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
