"""DW107 ``go-sum-not-copied``: ``go.mod`` is copied without ``go.sum``.

## What it does
Reports a COPY or ADD that copies ``go.mod`` but not ``go.sum`` (by name, or with a pattern such
as ``go.*``), unless a later COPY before the next RUN brings ``go.sum``. When the build context
is known and has no ``go.sum`` (a module without dependencies), nothing is reported.

## Why is this bad?
Without ``go.sum``, ``go mod download`` cannot verify module checksums and resolves and records
them anew inside the image; the download layer is then neither verified nor reproducible. The
guide copies both: ``COPY go.mod go.sum ./``.

## Example
```file=go.sum
example.com/dep v1.0.0 h1:abc=
```
```dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod ./
RUN go mod download
```

## Use instead
```file=go.sum
example.com/dep v1.0.0 h1:abc=
```
```dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
```
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def _names(instr: n.FileTransfer) -> list[tuple[str, n.Token]]:
    return [(s.text.strip("\"'").rsplit("/", 1)[-1], s) for s in instr.sources]


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per COPY of go.mod with no go.sum before the next RUN."""
    if model.context is not None and model.context.root.is_dir() and \
            not model.context.exists("go.sum"):
        return
    for stage in model.stages:
        pending: tuple[n.Instruction, n.Token] | None = None
        for instr in stage.instructions:
            if isinstance(instr, n.FileTransfer) and instr.flag("from") is None:
                names = _names(instr)
                has_sum = any(fnmatch.fnmatchcase("go.sum", name) for name, _ in names)
                has_mod = [tok for name, tok in names if name == "go.mod"]
                if has_sum:
                    pending = None
                elif has_mod and pending is None:
                    pending = (instr, has_mod[0])
            elif isinstance(instr, n.Run) and pending is not None:
                yield Violation(pending[1].span, "go.mod is copied without go.sum; module "
                                "checksums are not verified", pending[0],
                                fix="COPY go.mod go.sum ./")
                pending = None
        if pending is not None:
            yield Violation(pending[1].span, "go.mod is copied without go.sum; module "
                            "checksums are not verified", pending[0], fix="COPY go.mod go.sum ./")


RULE = Rule(
    id="DW107",
    name="go-sum-not-copied",
    severity=Severity.INFO,
    summary="Copy go.sum together with go.mod.",
    check=check,
    doc=__doc__ or "",
    tags=("go", "guide"),
)
