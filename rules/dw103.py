"""DW103 ``cgo-not-disabled``: a Go binary for a libc-less runtime is built with cgo enabled.

## What it does
For each ``go build`` in a stage that reaches the final image, when the final image has no
compatible C library: its base is ``scratch``, a distroless or Chainguard ``static`` image, or
alpine (musl) while the builder is glibc-based (``golang:1.22``, not ``golang:1.22-alpine``),
checks that ``CGO_ENABLED=0`` is in effect: an ``ENV`` or ``ARG`` default, a prefix on the
command (``CGO_ENABLED=0 go build``), or an ``export`` earlier in the same RUN. Reported as an
error when ``CGO_ENABLED=1`` is set explicitly. A build that links statically
(``-ldflags '-extldflags "-static"'``) is not reported.

## Why is this bad?
With cgo enabled (the default when a C compiler is present, as in ``golang:*`` images) the
binary links dynamically against the builder's libc. In ``scratch`` it fails to start with a
confusing "no such file or directory"; on alpine a glibc binary fails the same way. The guide
builds with ``CGO_ENABLED=0`` for exactly this reason.

## Example
```dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN go build -o /app .

FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -o /app .

FROM scratch
COPY --from=build /app /app
ENTRYPOINT ["/app"]
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model, Stage
from dockwise.syntax.shell import Invocation, Script, go_invocations


def cgo_setting(model: Model, run: object, script: Script, inv: Invocation) -> str | None:
    """The value of ``CGO_ENABLED`` for this ``go`` call, or ``None`` when not set.

    Looks at the command's prefix assignments, then ``export``/assignments earlier in the same
    script, then ENV and ARG values in effect.
    """
    cmd = inv.command
    for a in cmd.assignments:
        if a.name == "CGO_ENABLED":
            return a.value.text if a.value else ""
    value = None
    for earlier in script.commands[:cmd.index]:
        if earlier.subshell and not cmd.subshell:
            continue
        if earlier.declaration in ("export", "declare", "typeset") or not earlier.argv:
            for a in earlier.assignments:
                if a.name == "CGO_ENABLED" and a.value is not None:
                    value = a.value.text
    if value is not None:
        return value
    state = model.state(run)  # type: ignore[arg-type]
    return state.env_value("CGO_ENABLED")


def _needs_static(final: Stage, builder: Stage) -> str | None:
    base = final.root_base
    if base is None or not base.known:
        return None
    if base.is_static:
        return f"'{base.text}' has no C library"
    if base.is_alpine:
        builder_base = builder.root_base
        if builder_base is not None and builder_base.known and builder_base.is_glibc:
            return f"'{base.text}' uses musl while the builder '{builder_base.text}' is glibc-based"
    return None


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per ``go build`` that would link dynamically into a libc-less image."""
    final = model.final_stage
    if final is None:
        return
    for stage, run in model.runs():
        if not stage.reaches_final or stage is final:
            continue
        reason = _needs_static(final, stage)
        if reason is None:
            continue
        for script in model.scripts(run):
            for inv in go_invocations(script, ("build",)):
                ldflags = inv.value("-ldflags") or ""
                if "-extldflags" in ldflags and "-static" in ldflags:
                    continue
                setting = cgo_setting(model, run, script, inv)
                sub = inv.subcommand
                span = inv.command.argv[0].span.cover(sub.span) if sub else inv.command.span
                if setting == "0":
                    continue
                if setting == "1":
                    yield Violation(span, f"CGO_ENABLED=1 builds a dynamically linked binary, "
                                    f"but the final image {reason}", run,
                                    fix="CGO_ENABLED=0 go build ...", severity=Severity.ERROR)
                else:
                    yield Violation(span, f"go build without CGO_ENABLED=0: the final image "
                                    f"{reason}, and a cgo binary will not start there", run,
                                    fix="CGO_ENABLED=0 go build ...")


RULE = Rule(
    id="DW103",
    name="cgo-not-disabled",
    severity=Severity.WARNING,
    summary="Build Go binaries for scratch/static/alpine runtimes with CGO_ENABLED=0.",
    check=check,
    doc=__doc__ or "",
    tags=("go", "guide"),
)
