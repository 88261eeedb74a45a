"""DL4000 ``maintainer-deprecated``: MAINTAINER is deprecated.

## What it does
Reports every ``MAINTAINER`` instruction. BuildKit's build check ``MaintainerDeprecated``
reports the same thing; both names refer to this rule.

## Why is this bad?
``MAINTAINER`` fills the image's ``author`` field, which nothing reads any more and which
Docker has deprecated. The OCI label ``org.opencontainers.image.authors`` carries the same
information where registries and scanners look for it.

## Example
```dockerfile
FROM alpine:3.20
MAINTAINER Jane Doe <jane@example.com>
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"
```
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each MAINTAINER keyword."""
    for instr in model.instructions(n.Maintainer):
        assert isinstance(instr, n.Maintainer)
        author = instr.value.text if instr.value is not None else ""
        yield Violation(instr.keyword_span, "MAINTAINER is deprecated; put the author in the "
                        "org.opencontainers.image.authors label", instr,
                        fix=f"LABEL org.opencontainers.image.authors={json.dumps(author)}")


RULE = Rule(
    id="DL4000",
    name="maintainer-deprecated",
    severity=Severity.ERROR,
    summary="MAINTAINER is deprecated; use the org.opencontainers.image.authors label.",
    check=check,
    doc=__doc__ or "",
    aliases=("MaintainerDeprecated",),
    tags=("buildkit",),
)
