"""DW301 ``dockerignore-missing``: the whole context is copied and there is no .dockerignore.

## What it does
When linting a Dockerfile on disk, reports the first COPY or ADD that copies the whole build
context (``COPY . .``, ``ADD . /src``) if the context has neither a ``.dockerignore`` nor a
``<Dockerfile>.dockerignore`` beside the Dockerfile.

## Why is this bad?
Everything in the directory goes into the image: ``.git`` history, local build output, editor
files, ``.env`` secrets. The context upload is slower and every unrelated change invalidates the
layer cache. The guide recommends a ``.dockerignore`` excluding ``.git`` and temporary files.

## Example
```dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
```

## Use instead
```file=.dockerignore
.git
*.md
```
```dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation at the first whole-context copy when .dockerignore is missing."""
    context = model.context
    if context is None or not context.root.is_dir() or context.dockerignore_path is not None:
        return
    for instr in model.dockerfile.instructions:
        token = model.context_copy_source(instr)
        if token is not None:
            yield Violation(token.span, "the whole build context is copied and there is no "
                            ".dockerignore; .git and local files end up in the image", instr,
                            fix="add a .dockerignore (e.g. .git, build output, .env)")
            return


RULE = Rule(
    id="DW301",
    name="dockerignore-missing",
    severity=Severity.WARNING,
    summary="Add a .dockerignore when the whole build context is copied.",
    check=check,
    doc=__doc__ or "",
    tags=("context", "size", "guide"),
)
