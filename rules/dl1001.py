"""DL1001 ``inline-ignore-pragma``: an inline ignore pragma is used (off by default).

## What it does
Reports every ``# hadolint ignore=...``, ``# dockwise ignore=...`` and ``global ignore=``
comment, on the comment. The rule is off unless selected (``extend-select = ["DL1001"]``), as
in hadolint; teams turn it on to keep exceptions in the configuration file, where they are
reviewed in one place.

## Why is this bad?
An ignore comment silences a rule where nobody looks: reviewers of the configuration never see
it, and it outlives the reason it was written for.

## Example
```dockerfile
FROM alpine:3.20
# hadolint ignore=DL3018
RUN apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl=8.9.1-r2
```

## How dockwise differs from hadolint
dockwise's own ``# dockwise ignore=`` pragmas are reported as well. BuildKit's
``# check=skip=`` parser directive is a file-level setting, not an inline pragma, and is not
reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.engine import find_pragmas
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per ignore pragma comment."""
    for pragma in find_pragmas(model.dockerfile):
        names = ",".join(ref for ref, _ in pragma.refs)
        scope = "global ignore" if pragma.is_global else "ignore"
        yield Violation(pragma.span, f"inline '{pragma.tool} {scope}={names}' pragma: keep "
                        "exceptions in the configuration file instead")


RULE = Rule(
    id="DL1001",
    name="inline-ignore-pragma",
    severity=Severity.INFO,
    summary="Avoid inline ignore pragmas; configure exceptions instead.",
    check=check,
    doc=__doc__ or "",
    enabled=False,
    tags=("meta",),
)
