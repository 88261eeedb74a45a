"""DL3065 ``redundant-target-platform``: ``FROM --platform=$TARGETPLATFORM`` says the default.

## What it does
Reports a ``--platform`` on FROM whose value is just BuildKit's ``TARGETPLATFORM`` argument:
``$TARGETPLATFORM``, ``${TARGETPLATFORM}``, quoted or with a ``:-`` default, as BuildKit
decides it (the value expands to ``TARGETPLATFORM`` and uses no other variable). BuildKit's
build check ``RedundantTargetPlatform`` reports the same thing; both names refer to this rule.

## Why is this bad?
A stage is built for the target platform unless told otherwise, so the flag changes nothing;
it only makes the reader wonder whether it does something clever. (``$BUILDPLATFORM``, the
platform of the machine running the build, is the useful value for cross-compiling stages.)

## Example
```dockerfile
FROM --platform=$TARGETPLATFORM alpine:3.20
```

## Use instead
```dockerfile
FROM alpine:3.20
```

## How dockwise differs from hadolint
hadolint compares the text with two spellings and misses ``"${TARGETPLATFORM}"`` or
``${TARGETPLATFORM:-linux/amd64}``; dockwise expands the value as BuildKit does.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.variables import VarStatus, expand

_MARK = "\x00target-platform\x00"


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each FROM ``--platform`` value that is only ``$TARGETPLATFORM``."""

    def lookup(name: str) -> tuple[VarStatus, str]:
        if name == "TARGETPLATFORM":
            return VarStatus.SET, _MARK
        return VarStatus.UNSET, ""

    for stage in model.stages:
        flag = stage.from_.flag("platform")
        if flag is None or not flag.value or "TARGETPLATFORM" not in flag.value:
            continue
        exp = expand(flag.value, lookup, model.escape)
        if exp.text != _MARK or exp.used != {"TARGETPLATFORM"}:
            continue
        yield Violation(flag.value_span or flag.span,
                        f"--platform={flag.value} is redundant: stages are built for "
                        "$TARGETPLATFORM unless told otherwise", stage.from_,
                        fix="remove --platform")


RULE = Rule(
    id="DL3065",
    name="redundant-target-platform",
    severity=Severity.WARNING,
    summary="FROM --platform=$TARGETPLATFORM is the default; remove it.",
    check=check,
    doc=__doc__ or "",
    aliases=("RedundantTargetPlatform",),
    tags=("buildkit",),
)
