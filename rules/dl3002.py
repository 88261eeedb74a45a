"""DL3002 ``last-user-root``: the image runs as root because of its last USER.

## What it does
Finds the USER the image built by the final stage (the last one, or ``--target``) runs as: the
last USER of that stage or, when it has none, of the stages it is built ``FROM``. Reports it,
on the user name, when it is ``root`` or UID 0 (``0``, ``root:root``, ``0:0``), after ARG/ENV
expansion. A USER whose value the linter cannot know is not judged; an image with no USER at
all is DW105's concern.

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
user never reaches the image, and even a parent stage's ``USER root`` that the final stage
overrides with its own USER. dockwise reports only the USER the image actually runs as; a stage
the image only copies files from does not pass on its user.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model

ROOT_USERS = frozenset({"root", "0"})


def is_root(user: str) -> bool:
    """``True`` for ``root``, ``0`` (``00``...), ``root:group``, ``0:0``."""
    name = user.split(":", 1)[0].strip()
    return name in ROOT_USERS or (name.isdigit() and int(name) == 0)


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation when the USER the final image runs as, set in the final stage or
    inherited from a stage it is built ``FROM``, is root."""
    final = model.final_stage
    if final is None:
        return
    last = final.final_state.user_instruction
    if last is None or last.value is None:
        return
    exp = model.expand(last.value.text, last)
    if not exp.known or not is_root(exp.text):
        return
    owner = model.stage_of(last)
    where = "" if owner is final or owner is None else \
        f", inherited from stage '{owner.label}'"
    yield Violation(last.value.span, f"the image runs as root: its last USER is "
                    f"'{exp.text}'{where}", last,
                    fix="switch to an unprivileged user after the steps that need root, "
                    "e.g. USER app")


RULE = Rule(
    id="DL3002",
    name="last-user-root",
    severity=Severity.WARNING,
    summary="The image should not run as root because of its last USER.",
    check=check,
    doc=__doc__ or "",
    tags=("security",),
    security_severity=5.0,
)
