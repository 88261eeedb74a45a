"""DL3022 ``copy-from-unknown-stage``: ``COPY --from`` names no earlier stage.

## What it does
Reports ``COPY --from=NAME`` when ``NAME`` (after expanding ARG values) is a bare word that is no
stage defined *before* this line, or a stage index that does not exist yet. A value that is
clearly an image reference (``busybox:1.36``, ``docker.io/library/alpine``,
``ghcr.io/x/y@sha256:...``) is an external image and is fine.

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
name that matches no stage is still reported: give it a tag if an image is meant.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model, Stage
from dockwise.syntax import nodes as n


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per ``COPY --from`` naming neither an earlier stage nor an image."""
    names = [s.name for s in model.stages if s.name]
    for instr in model.instructions(n.Copy):
        assert isinstance(instr, n.Copy)
        flag = instr.flag("from")
        stage = model.stage_of(instr)
        if flag is None or not flag.value or stage is None:
            continue
        exp = model.expand(flag.value, instr)
        if not exp.known:
            continue
        value = exp.text
        target = model.copy_source(instr)
        if isinstance(target, Stage):
            continue
        span = flag.value_span or flag.span
        if value.isdigit():
            yield Violation(span, f"COPY --from={value}: there is no stage {value} before this "
                            "line", instr)
            continue
        if any(c in value for c in ":/@.") or "$" in value:
            continue  # an image reference
        later = model.stage_named(value)
        if later is not None:
            yield Violation(span, f"COPY --from={value}: stage '{value}' is defined later, "
                            f"on line {later.from_.line}; stages can only copy from earlier "
                            "stages", instr)
            continue
        import difflib

        close = difflib.get_close_matches(value.lower(), names, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else \
            "; if an image is meant, give it a tag"
        yield Violation(span, f"COPY --from={value} names no stage defined before this line"
                        + hint, instr, fix=f"--from={close[0]}" if close else None)


RULE = Rule(
    id="DL3022",
    name="copy-from-unknown-stage",
    severity=Severity.WARNING,
    summary="COPY --from should name an earlier stage or an image with a tag.",
    check=check,
    doc=__doc__ or "",
)
