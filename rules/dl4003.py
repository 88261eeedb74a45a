"""DL4003 ``multiple-cmd``: a stage has more than one CMD.

## What it does
Reports each CMD that follows another CMD in the same stage, at the later one, naming the line
of the CMD it replaces. A CMD in a parent stage (``FROM parent``) does not count: overriding it
is normal. BuildKit's build check ``MultipleInstructionsDisallowed`` reports the same thing for
CMD, ENTRYPOINT and HEALTHCHECK; that name refers to this rule, DL4004 and DL3012 together.

## Why is this bad?
Only the last CMD of a stage reaches the image; the earlier ones do nothing except mislead the
reader into thinking the container runs them.

## Example
```dockerfile
FROM alpine:3.20
CMD ["/app", "--migrate"]
CMD ["/app", "--serve"]
```

## Use instead
```dockerfile
FROM alpine:3.20
CMD ["/app", "--serve"]
```

## How dockwise differs from hadolint
Same instructions reported. BuildKit reports the overridden (earlier) instruction instead;
dockwise keeps hadolint's position so existing ``# hadolint ignore=DL4003`` comments still
apply, and names the overridden line in the message.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def overridden_violations(model: Model, kind: type[n.Instruction]) -> Iterator[Violation]:
    """A violation at every instruction of ``kind`` that replaces an earlier one of its stage
    (shared by DL4003, DL4004 and DL3012, BuildKit's ``MultipleInstructionsDisallowed``)."""
    name = kind.kind
    for earlier, later in model.overridden(kind):
        stage = model.stage_of(later)
        where = f" of stage '{stage.label}'" if stage is not None else ""
        yield Violation(later.keyword_span,
                        f"this {name} replaces the {name} on line {earlier.line}, which has no "
                        f"effect: only the last {name}{where} counts", later,
                        fix=f"remove the {name} on line {earlier.line}")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each CMD after the first in its stage."""
    yield from overridden_violations(model, n.Cmd)


RULE = Rule(
    id="DL4003",
    name="multiple-cmd",
    severity=Severity.WARNING,
    summary="Only the last CMD of a stage takes effect; remove the others.",
    check=check,
    doc=__doc__ or "",
    aliases=("MultipleInstructionsDisallowed",),
    tags=("buildkit",),
)
