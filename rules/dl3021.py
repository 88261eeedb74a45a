"""DL3021 ``copy-dest-slash``: several sources copied to a destination without a trailing ``/``.

## What it does
Reports a COPY or ADD with more than one source (heredoc sources included) whose destination,
after ARG/ENV expansion, does not end with ``/``. The finding is on the destination. A
destination of ``.`` or ``..`` is reported as a warning rather than an error: BuildKit reads it
as a directory, the classic builder rejects it. A destination that depends on an unknown
variable is not reported.

## Why is this bad?
With several sources the destination must be a directory. The classic builder stops with
"When using COPY with more than one source file, the destination must be a directory and end
with a /"; BuildKit copies each source to the same path, so a file destination ends up holding
only the last source. A trailing ``/`` says "directory" to both.

## Example
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json /app
```

## Use instead
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY package.json package-lock.json /app/
```

## How dockwise differs from hadolint
hadolint checks COPY only and the destination as written; dockwise also checks ADD (the same
constraint applies), expands variables (``COPY a b ${DEST}`` with ``ARG DEST=/app/`` is fine),
and reports ``.`` as a warning, since only the classic builder rejects it.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per multi-source COPY/ADD whose destination lacks a trailing ``/``."""
    for instr in model.instructions(n.Copy, n.Add):
        assert isinstance(instr, n.FileTransfer)
        dest = instr.destination
        if dest is None or len(instr.sources) < 2 or dest.text.endswith(("/", "\\")):
            continue
        exp = model.expand(dest.text, instr)
        path = exp.text
        if not exp.known or not path or path.endswith(("/", "\\")):
            continue
        n_sources = len(instr.sources)
        if path in (".", ".."):
            yield Violation(dest.span, f"{instr.name} of {n_sources} sources to '{path}': "
                            f"BuildKit reads it as a directory, the classic builder rejects "
                            f"it; write '{path}/'", instr, fix=f"{path}/",
                            severity=Severity.WARNING)
            continue
        yield Violation(dest.span, f"{instr.name} of {n_sources} sources to '{path}': the "
                        "destination must be a directory ending with '/'", instr,
                        fix=f"{path}/")


RULE = Rule(
    id="DL3021",
    name="copy-dest-slash",
    severity=Severity.ERROR,
    summary="COPY/ADD with several sources needs a destination ending with '/'.",
    check=check,
    doc=__doc__ or "",
)
