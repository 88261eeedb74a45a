"""DL3024 ``duplicate-stage-name``: stage names must be unique.

## What it does
Reports a ``FROM ... AS name`` whose name (compared case-insensitively, as BuildKit lowercases
stage names) was already used by an earlier stage.

## Why is this bad?
BuildKit refuses the Dockerfile; and a human reading ``--from=build`` cannot tell which stage is
meant.

## Example
```dockerfile
FROM golang:1.22 AS build
FROM node:20 AS Build
```

## Use instead
```dockerfile
FROM golang:1.22 AS build-go
FROM node:20 AS build-web
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation for each stage name already used earlier."""
    seen: dict[str, int] = {}
    for stage in model.stages:
        token = stage.from_.stage_name
        if stage.name is None or token is None:
            continue
        if stage.name in seen:
            yield Violation(token.span, f"stage name '{token.text}' is already used on line "
                            f"{seen[stage.name]}", stage.from_)
        else:
            seen[stage.name] = stage.from_.line


RULE = Rule(
    id="DL3024",
    name="duplicate-stage-name",
    severity=Severity.ERROR,
    summary="FROM aliases (stage names) must be unique.",
    check=check,
    doc=__doc__ or "",
    aliases=("DuplicateStageName",),
    tags=("buildkit",),
)
