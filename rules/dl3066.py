"""DL3066 ``numeric-user``: the image's USER is a name, not a numeric UID.

## What it does
Reports the USER the image runs as (the last USER of the final stage, or of a stage it is
built ``FROM``) when its user part is a name (``USER app``, ``USER app:app``,
``USER nobody``) rather than a number (``USER 10001``, ``USER 10001:app``). Values from ARG
and ENV are resolved; an unknown value is not reported. ``USER root`` is left to DL3002, and
Windows images, whose users (``ContainerUser``) have no numeric form, are not checked.

## Why is this bad?
A user name means something only inside the image's ``/etc/passwd``. The host and the
orchestrator cannot resolve it: Kubernetes refuses to start a pod with ``runAsNonRoot: true``
when the image's user is not numeric ("cannot verify user is non-root"), and volume ownership
on the host cannot be matched to it. A numeric UID works everywhere; keep the name in
``/etc/passwd`` for tools that look it up.

## Example
```dockerfile
FROM alpine:3.20
RUN adduser -D -u 10001 app
USER app
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN adduser -D -u 10001 app
USER 10001
```

## How dockwise differs from hadolint
hadolint reports every non-numeric USER, including those of builder stages, which never
reach the image, Windows users, and variables it cannot resolve (``USER ${NB_UID}`` set by the
base image), while it accepts any variable declared by ARG (``ARG NAME=app`` then
``USER $NAME``); dockwise checks only the USER the image ends with, resolving ARG/ENV values
and leaving unknown ones alone.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation when the image's final USER names a user instead of a UID."""
    final = model.final_stage
    if final is None:
        return
    instr = final.final_state.user_instruction
    base = final.root_base
    if instr is None or instr.value is None or (base is not None and base.is_windows):
        return  # Windows users (ContainerUser) have no numeric form
    exp = model.expand(instr.value.text, instr)
    user = exp.text.split(":", 1)[0].strip()
    if not exp.known or not user or user.isdigit() or user == "root":
        return
    value = instr.value
    span = value.span
    written = value.text.split(":", 1)[0]
    if written == user and value.offset >= 0:
        span = instr.span_of(value.offset, value.offset + len(written))
    yield Violation(span, f"the image runs as user name '{user}'; use its numeric UID so the "
                    "host and Kubernetes (runAsNonRoot) can check it", instr,
                    fix="USER <uid>[:<gid>]")


RULE = Rule(
    id="DL3066",
    name="numeric-user",
    severity=Severity.INFO,
    summary="Give the image's USER as a numeric UID.",
    check=check,
    doc=__doc__ or "",
    tags=("security",),
)
