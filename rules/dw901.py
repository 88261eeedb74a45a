"""DW901 ``unknown-rule-in-pragma``: an ignore pragma names a rule that does not exist.

## What it does
Checks every ``# dockwise ignore=``, ``# hadolint ignore=`` and ``global ignore=`` comment and
reports each listed id or name that matches no rule (and is not a ShellCheck ``SCxxxx`` code).
The other ids in the same pragma still apply. The ids hadolint has retired (DL3005, DL3017,
DL3031, DL3039, DL4002) are not reported: Dockerfiles written for older hadolint versions still
name them, and hadolint accepts them.

## Why is this bad?
A mistyped id silences nothing, so the finding it was meant for keeps appearing, or worse, the
pragma was copied from another tool and hides nothing while looking like it does.

## Example
```dockerfile
FROM alpine:3.20
# hadolint ignore=DL3019,DL9999
RUN apk add curl
```

## Use instead
```dockerfile
FROM alpine:3.20
# hadolint ignore=DL3019
RUN apk add curl
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.engine import find_pragmas, is_retired, registry
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation per unknown reference in an ignore pragma."""
    reg = registry()
    for pragma in find_pragmas(model.dockerfile):
        for ref, span in pragma.refs:
            if not reg.is_known(ref) and not is_retired(ref):
                yield Violation(span, f"unknown rule '{ref}' in {pragma.tool} ignore pragma; "
                                "it suppresses nothing")


RULE = Rule(
    id="DW901",
    name="unknown-rule-in-pragma",
    severity=Severity.WARNING,
    summary="An ignore pragma names a rule that does not exist.",
    check=check,
    doc=__doc__ or "",
    tags=("meta",),
)
