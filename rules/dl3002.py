"""DL3002 ``last-user-root``: the last USER of a stage that reaches the image is root.

## What it does
Reports an explicit ``USER root`` (or ``USER 0``, ``root:root``, ``0:0``) that is the last USER
of a stage reaching the final image: the final stage, or a stage it builds on with ``FROM``.

## Why is this bad?
The container then runs as root, so a compromised process has full control of the container and
an easier path out of it. Switch to an unprivileged user after the steps that need root.

## Example
```dockerfile
FROM alpine:3.20
RUN adduser -D app
USER app
RUN echo setup
USER root
CMD ["sh"]
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN adduser -D app
USER root
RUN echo setup
USER app
CMD ["sh"]
```

## How dockwise differs from hadolint
hadolint reports the last ``USER root`` of *every* stage, builder stages included, though their
user never reaches the image; dockwise checks only stages whose user the image inherits
(the final stage and the stages it is built ``FROM``). A stage it only copies files from does
not pass on its user.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n

ROOT_USERS = frozenset({"root", "0"})


def is_root(user: str) -> bool:
    """``True`` for ``root``, ``0``, ``root:group``, ``0:0``."""
    return user.split(":", 1)[0].strip() in ROOT_USERS


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation for the last USER of each stage in the final image's FROM chain
    when it is root."""
    final = model.final_stage
    for stage in final.lineage if final is not None else []:
        users = [i for i in stage.instructions if isinstance(i, n.User) and i.value is not None]
        if not users:
            continue
        last = users[-1]
        assert last.value is not None
        exp = model.expand(last.value.text, last)
        if exp.known and is_root(exp.text):
            yield Violation(last.value.span,
                            f"last USER of stage '{stage.label}' is root; the image runs as "
                            "root", last, fix="switch to an unprivileged user, e.g. USER app")


RULE = Rule(
    id="DL3002",
    name="last-user-root",
    severity=Severity.WARNING,
    summary="The last USER of a stage that reaches the image should not be root.",
    check=check,
    doc=__doc__ or "",
    tags=("security",),
    security_severity=5.0,
)
