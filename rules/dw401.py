"""DW401 ``stage-name-casing``: a stage name is not lower case.

## What it does
Reports ``FROM ... AS Name`` when the stage name has upper-case letters. This is BuildKit's
build check ``StageNameCasing``.

## Why is this bad?
BuildKit lowercases stage names: ``AS Builder`` defines the stage ``builder``, which
``--from=builder``, ``--from=BUILDER`` and ``--target builder`` all find. Writing it in mixed
case suggests a distinction that does not exist, and invites a second stage ``builder`` that
clashes with it.

## Example
```dockerfile
FROM golang:1.22 AS Builder
```

## Use instead
```dockerfile
FROM golang:1.22 AS builder
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each stage name that is not all lower case."""
    for stage in model.stages:
        token = stage.from_.stage_name
        if token is None or token.text == token.text.lower():
            continue
        yield Violation(token.span, f"stage name '{token.text}' should be lower case; BuildKit "
                        f"calls it '{token.text.lower()}' anyway", stage.from_,
                        fix=token.text.lower())


RULE = Rule(
    id="DW401",
    name="stage-name-casing",
    severity=Severity.STYLE,
    summary="Write stage names in lower case.",
    check=check,
    doc=__doc__ or "",
    aliases=("StageNameCasing",),
    tags=("buildkit",),
)
