"""DW301 ``dockerignore-missing``: the whole context is copied and there is no .dockerignore.

## What it does
When linting a Dockerfile on disk, reports one COPY or ADD that copies the whole build context
(``COPY . .``, ``ADD . /src``) if the context has neither a ``.dockerignore`` nor a
``<Dockerfile>.dockerignore`` beside the Dockerfile: the first one that lands in the final
image when there is one, else the first one (in a build stage).

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
    """Yield one violation at the whole-context copy that matters most when .dockerignore is
    missing: the first one in the final image's stages, else the first one."""
    context = model.context
    if context is None or not context.root.is_dir() or context.dockerignore_path is not None:
        return
    final = model.final_stage
    image_stages = final.lineage if final is not None else []
    copies = [(instr, token) for instr in model.dockerfile.instructions
              if (token := model.context_copy_source(instr)) is not None]
    if not copies:
        return
    in_image = [(i, t) for i, t in copies if model.stage_of(i) in image_stages]
    instr, token = (in_image or copies)[0]
    where = ("the image" if in_image else
             "this build stage and its layer cache (the context upload is slower, and any "
             "change to them invalidates the cache)")
    yield Violation(token.span, "the whole build context is copied and there is no "
                    f".dockerignore; .git and local files end up in {where}", instr,
                    fix="add a .dockerignore (e.g. .git, build output, .env)")


RULE = Rule(
    id="DW301",
    name="dockerignore-missing",
    severity=Severity.WARNING,
    summary="Add a .dockerignore when the whole build context is copied.",
    check=check,
    doc=__doc__ or "",
    tags=("context", "size", "guide"),
)
