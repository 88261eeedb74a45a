"""DW109 ``go-build-not-trimmed``: a Go binary for the image is built without ``-trimpath``
or without ``-ldflags "-s -w"``.

## What it does
For ``go build`` in a stage that reaches the final image, reports a missing ``-trimpath`` and
missing ``-s``/``-w`` in ``-ldflags`` (flags set through ``GOFLAGS`` count).

## Why is this bad?
``-s -w`` drop the symbol table and DWARF debug information, typically a quarter to a third of
a Go binary's size, which a production image does not need. ``-trimpath`` removes the builder's
file system paths from the binary, making builds reproducible and not leaking the build layout.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -o /app .
FROM scratch
COPY --from=build /app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /app .
FROM scratch
COPY --from=build /app /app
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import go_invocations


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation per ``go build`` naming what is missing."""
    for stage, run in model.runs():
        if not stage.reaches_final:
            continue
        goflags = model.state(run).env_value("GOFLAGS") or ""
        for script in model.scripts(run):
            for inv in go_invocations(script, ("build",)):
                missing = []
                if not inv.has("-trimpath") and "-trimpath" not in goflags:
                    missing.append("-trimpath")
                ldflags = (inv.value("-ldflags") or "").split()
                if "-ldflags" in goflags:
                    ldflags += goflags.split()
                if not ("-s" in ldflags and "-w" in ldflags):
                    missing.append('-ldflags="-s -w"')
                if not missing:
                    continue
                sub = inv.subcommand
                span = inv.command.argv[0].span.cover(sub.span) if sub else inv.command.span
                yield Violation(span, f"go build without {' and '.join(missing)}: the binary "
                                "keeps debug information and build paths", run)


RULE = Rule(
    id="DW109",
    name="go-build-not-trimmed",
    severity=Severity.INFO,
    summary='Build image binaries with -trimpath and -ldflags="-s -w".',
    check=check,
    doc=__doc__ or "",
    tags=("go", "size"),
)
