"""DL3022 ``copy-from-unknown-stage``: ``COPY --from`` names no earlier stage.

## What it does
Reports ``COPY --from=NAME`` and ``RUN --mount=from=NAME`` when ``NAME`` (after expanding ARG
values) is a bare word that names no stage defined *before* this line, or a stage index that
does not exist yet; the finding is on the value, with a suggestion when a stage name is close.
A value that is clearly an image reference (``busybox:1.36``, ``docker.io/library/alpine``,
``ghcr.io/x/y@sha256:...``) is an external image and is fine, and so is ``context``, BuildKit's
name for the build context. The stage's own name is left to DL3023.

## Why is this bad?
BuildKit treats an unknown bare name as an image on Docker Hub: a typo in a stage name
(``--from=biulder``) or a stage defined further down turns into a pull of an image that
probably does not exist, or worse, one that does.

## Example
```dockerfile
FROM golang:1.22 AS builder
RUN go build -o /app .
FROM alpine:3.20
COPY --from=biulder /app /app
```

## Use instead
```dockerfile
FROM golang:1.22 AS builder
RUN go build -o /app .
FROM alpine:3.20
COPY --from=builder /app /app
```

## How dockwise differs from hadolint
hadolint reports external images given with a tag or registry (``--from=busybox:1.36``) as
unknown stages; dockwise accepts any reference with a tag, digest, registry or path. A bare
name that matches no stage is still reported: give it a tag if an image is meant (or, for a
``--build-context`` name, ignore the rule on that line). Values from ARGs are resolved
(``--from=$SRC``), stages are matched case-insensitively as BuildKit does, and the same check
applies to ``RUN --mount=from=``.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model, Stage
from dockwise.syntax import nodes as n


def _looks_like_image(value: str) -> bool:
    """A reference with a tag, digest or path (``busybox:1.36``, ``docker.io/x/y``,
    ``ghcr.io/x@sha256:...``) names an image, never a stage."""
    return any(c in value for c in ":/@")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per ``--from`` (COPY, RUN ``--mount``) naming neither an earlier stage
    nor an image."""
    names = [s.name for s in model.stages if s.name]
    for instr, written, span in model.from_references():
        current = model.stage_of(instr)
        exp = model.expand(written, instr)
        if current is None or not exp.known:
            continue
        value = exp.text
        what = "COPY --from" if isinstance(instr, n.Copy) else "RUN --mount from"
        target = model.image_source(value, instr)
        if isinstance(target, Stage):
            if target.index > current.index:
                yield Violation(span, f"{what}={value}: stage '{target.label}' is defined later, "
                                f"on line {target.from_.line}; refer only to earlier stages "
                                "(the classic builder pulls an image of that name instead)",
                                instr)
            continue
        if target is None or _looks_like_image(value):
            continue  # unknown, BuildKit's "context", or an image reference
        if value.isdigit():
            index = int(value)
            if index == current.index:
                continue  # its own stage: DL3023
            where = f"stage {index} is defined later" if index < len(model.stages) else \
                f"there is no stage {index}"
            yield Violation(span, f"{what}={value}: {where}; refer only to earlier stages",
                            instr)
            continue
        import difflib

        close = difflib.get_close_matches(value.lower(), names, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else \
            "; if an image is meant, give it a tag (e.g. name:1.0)"
        yield Violation(span, f"{what}={value} names no stage defined before this line" + hint,
                        instr, fix=f"{what.split()[-1]}={close[0]}" if close else None)


RULE = Rule(
    id="DL3022",
    name="copy-from-unknown-stage",
    severity=Severity.WARNING,
    summary="COPY --from should name an earlier stage or an image with a tag.",
    check=check,
    doc=__doc__ or "",
)
