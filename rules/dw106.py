"""DW106 ``go-source-before-modules``: sources are copied before Go modules are downloaded.

## What it does
In a stage that runs ``go build``, reports the instruction that copies the whole build context
(``COPY . .``, ``COPY ./ ./``, ``ADD . /src``) when it comes before ``go.mod`` (and ``go.sum``)
are copied and ``go mod download`` runs. Not reported when the build uses vendored modules
(``-mod=vendor``, ``GOFLAGS=-mod=vendor``, or a ``vendor/`` directory in the context) or mounts a
cache on the module cache (``--mount=type=cache,target=/go/pkg/mod``).

## Why is this bad?
Docker reuses a layer only while everything it depends on is unchanged. With the sources copied
first, any edit to any ``.go`` file invalidates the ``go mod download`` layer and every
dependency is downloaded again. Copying ``go.mod``/``go.sum`` and downloading first keeps that
layer cached until the dependencies themselves change: the guide's first Dockerfile does this.

## Example
```dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go mod download
RUN go build -o /app .
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /app .
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.shell import go_invocations


def _copies_go_mod(instr: n.Instruction) -> bool:
    if not isinstance(instr, n.FileTransfer) or instr.flag("from") is not None:
        return False
    return any(s.text.strip("\"'").rsplit("/", 1)[-1] in ("go.mod", "go.*", "go.mod*")
               for s in instr.sources)


def _module_cache_mounted(model: Model, run: n.Run) -> bool:
    gomodcache = model.state(run).env_value("GOMODCACHE")
    for target in model.cache_mount_targets(run):
        t = target.rstrip("/")
        if t.endswith("/pkg/mod") or (gomodcache and t == gomodcache.rstrip("/")):
            return True
    return False


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at the whole-context copy that precedes module download."""
    vendored_context = model.context is not None and model.context.exists("vendor/modules.txt")
    for stage in model.stages:
        modules_ready = False
        go_mod_copied = False
        context_copy: tuple[n.Instruction, n.Token] | None = None
        for instr in stage.instructions:
            if _copies_go_mod(instr):
                go_mod_copied = True
                continue
            src = model.context_copy_source(instr)
            if src is not None and context_copy is None and not modules_ready:
                context_copy = (instr, src)
                continue
            if not isinstance(instr, n.Run):
                continue
            gomod = any(inv.subcommand is not None and inv.operands and
                        inv.operands[0].text in ("download", "tidy")
                        for script in model.scripts(instr)
                        for inv in go_invocations(script, ("mod",)))
            if gomod and go_mod_copied and context_copy is None:
                modules_ready = True
            builds = [inv for script in model.scripts(instr)
                      for inv in go_invocations(script, ("build",))]
            if not builds or context_copy is None:
                continue
            flags = " ".join(inv.value("-mod") or "" for inv in builds)
            goflags = model.state(instr).env_value("GOFLAGS") or ""
            if "vendor" in flags or "-mod=vendor" in goflags or vendored_context or \
                    _module_cache_mounted(model, instr):
                context_copy = None
                continue
            copy_instr, token = context_copy
            yield Violation(token.span, "the whole build context is copied before go.mod/go.sum "
                            "and 'go mod download': any source change re-downloads every module",
                            copy_instr, fix="COPY go.mod go.sum ./ then RUN go mod download "
                            "before COPY . .")
            context_copy = None
            break


RULE = Rule(
    id="DW106",
    name="go-source-before-modules",
    severity=Severity.WARNING,
    summary="Copy go.mod/go.sum and run 'go mod download' before copying the sources.",
    check=check,
    doc=__doc__ or "",
    tags=("go", "cache", "guide"),
)
