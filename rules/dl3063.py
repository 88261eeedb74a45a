"""DL3063 ``reserved-stage-name``: a stage is named ``scratch`` or ``context``.

## What it does
Reports ``FROM ... AS scratch`` and ``FROM ... AS context``, in any letter case (BuildKit
lowercases stage names, so ``AS Scratch`` is the stage ``scratch``). BuildKit's build check
``ReservedStageName`` reports the same thing; both names refer to this rule.

## Why is this bad?
Both words already mean something to BuildKit: ``scratch`` is the empty base image and
``context`` the build context. A stage that takes one of these names shadows it: every later
``FROM scratch`` builds on that stage instead of on the empty image, which is almost never what
the author of the later line meant.

## Example
```dockerfile
FROM golang:1.22 AS scratch
RUN go build -o /app .

FROM scratch
COPY --from=scratch /app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /app .

FROM scratch
COPY --from=build /app /app
```

## How dockwise differs from hadolint
hadolint compares the name case-sensitively and misses ``AS Scratch``; BuildKit, and dockwise,
treat it as the reserved name it becomes.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model

_MEANING = {
    "scratch": "the empty base image; a later 'FROM scratch' would build on this stage instead",
    "context": "the build context",
}


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each stage name that is a reserved word."""
    for stage in model.stages:
        token = stage.from_.stage_name
        if token is None or stage.name not in _MEANING:
            continue
        yield Violation(token.span, f"stage name '{token.text}' is reserved: '{stage.name}' "
                        f"means {_MEANING[stage.name]}", stage.from_)


RULE = Rule(
    id="DL3063",
    name="reserved-stage-name",
    severity=Severity.WARNING,
    summary="Do not name a stage 'scratch' or 'context' (reserved words).",
    check=check,
    doc=__doc__ or "",
    aliases=("ReservedStageName",),
    tags=("buildkit",),
)
