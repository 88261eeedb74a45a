"""DL3067 ``copy-stage-root``: ``COPY --from=... / /`` copies a whole filesystem.

## What it does
Reports ``COPY --from`` whose source is the root directory (``/``, also written ``/.`` or
``/*``) and whose destination is the root, after ARG/ENV expansion, when the source holds an
operating system: an image, or a stage built on one. A stage built on ``scratch`` holds only
the files copied into it, so copying its root is how such artifact stages are meant to be used
and is not reported; nor are images made to be copied whole (``tonistiigi/xx``, the
cross-compilation helpers whose documented use is ``COPY --from=xx / /``), nor sources whose base
depends on an unknown variable. The finding is on the source.

## Why is this bad?
Copying the whole filesystem of another stage brings everything along: compilers, package
manager caches, build secrets, test files. The small runtime image a multi-stage build is for
becomes a copy of the build environment. Copy the files the image needs, by path.

## Example
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12
COPY --from=build / /
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
RUN go build -o /out/app .
FROM gcr.io/distroless/static-debian12
COPY --from=build /out/app /app
```

## How dockwise differs from hadolint
hadolint reports every ``COPY --from=... / /``, including the artifact stages built on
``scratch`` and the ``tonistiigi/xx`` helpers common in Docker's own projects, where nothing
but the intended files is copied. Sources and destinations are compared after variable
expansion and path normalisation, so ``/.``, ``//`` and ``/*`` are recognised as the root too.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import ImageRef, Model, Stage
from dockwise.syntax import nodes as n


def _is_root(model: Model, instr: n.Copy, token: n.Token, glob: bool) -> bool:
    exp = model.expand(token.text, instr)
    text = exp.text
    if glob and text.endswith("/*"):
        text = text[:-1]
    return exp.known and text.startswith("/") and posixpath.normpath(text) in ("/", "//")


#: Images made to be copied whole into another stage (their documented use is
#: ``COPY --from=xx / /``): tonistiigi/xx, the cross-compilation helpers of Docker's projects.
WHOLE_COPY_IMAGES = frozenset({"tonistiigi/xx", "docker.io/tonistiigi/xx"})


def _copies_a_system(model: Model, instr: n.Copy) -> bool:
    """``True`` when the ``--from`` source is known to hold an operating system: an image
    (other than :data:`WHOLE_COPY_IMAGES`) or a stage built on a known base other than
    ``scratch``. A stage built on ``scratch`` holds only the files copied into it."""
    source = model.copy_source(instr)
    if isinstance(source, Stage):
        source = source.root_base
    if not isinstance(source, ImageRef) or source.is_scratch or "$" in source.repository:
        return False
    name = f"{source.registry}/{source.repository}" if source.registry else source.repository
    return name.lower() not in WHOLE_COPY_IMAGES


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per ``COPY --from`` of a whole system's root directory to the root."""
    for instr in model.instructions(n.Copy):
        assert isinstance(instr, n.Copy)
        source = instr.flag_value("from")
        dest = instr.destination
        if not source or dest is None or not _is_root(model, instr, dest, False):
            continue
        for src in instr.sources:
            if _is_root(model, instr, src, True):
                if _copies_a_system(model, instr):
                    yield Violation(src.span, f"COPY --from={source} copies the whole "
                                    "filesystem of its source onto '/'; copy only the paths "
                                    "the image needs", instr)
                break


RULE = Rule(
    id="DL3067",
    name="copy-stage-root",
    severity=Severity.WARNING,
    summary="Do not copy an entire filesystem from another stage or image.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
