"""DW408 ``invalid-default-arg-in-from``: with its ARG defaults, a FROM names no valid image.

## What it does
Expands each FROM that uses a variable with the global ARGs' default values only (no
``--build-arg``; BuildKit's automatic platform arguments get the values of a linux/amd64
build) and reports it when the result is not a valid image reference: empty, ending in ``:``,
upper case... This is BuildKit's build check ``InvalidDefaultArgInFrom``. FROM lines without
variables are left to the other checks.

## Why is this bad?
``docker build .`` should work without arguments. ``ARG TAG`` with no default and ``FROM
alpine:${TAG}`` fails with "invalid reference format" unless every caller remembers
``--build-arg TAG=...``; a default documents the expected value and makes the plain build work.
An ARG that may be empty is fine where the reference stays valid (``FROM
busybox:stable${VARIANT}``), as is a ``${TAG:-3.20}`` fallback.

## Example
```dockerfile
ARG ALPINE_VERSION
FROM alpine:${ALPINE_VERSION}
```

## Use instead
```dockerfile
ARG ALPINE_VERSION=3.20
FROM alpine:${ALPINE_VERSION}
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model, is_valid_reference
from dockwise.syntax.variables import VarStatus, expand

#: The automatic platform arguments as a linux/amd64 build defines them.
_PLATFORM_DEFAULTS = {
    "BUILDPLATFORM": "linux/amd64", "BUILDOS": "linux", "BUILDARCH": "amd64",
    "BUILDVARIANT": "", "BUILDOSVERSION": "", "TARGETPLATFORM": "linux/amd64",
    "TARGETOS": "linux", "TARGETARCH": "amd64", "TARGETVARIANT": "", "TARGETOSVERSION": "",
}


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each FROM image that is invalid with default ARG values."""
    if not any(s.from_.image is not None and "$" in s.from_.image.text for s in model.stages):
        return
    values = dict(_PLATFORM_DEFAULTS)
    final = model.final_stage
    values["TARGETSTAGE"] = (final.name or "") if final is not None else ""

    def lookup(name: str) -> tuple[VarStatus, str]:
        value = values.get(name)
        return (VarStatus.UNSET, "") if value is None else (VarStatus.SET, value)

    no_default: set[str] = set()
    for arg in model.global_args:
        for pair in arg.pairs:
            name = pair.key.text
            if pair.value is None:
                if name not in values:
                    no_default.add(name)
                continue
            exp = expand(pair.value.text, lookup, model.escape)
            if exp.error:
                return  # BuildKit gives up on this check too; the build reports the error
            values[name] = exp.text
            no_default.discard(name)
    for stage in model.stages:
        image = stage.from_.image
        if image is None or "$" not in image.text:
            continue
        exp = expand(image.text, lookup, model.escape)
        if exp.error or is_valid_reference(exp.text):
            continue
        missing = sorted(exp.used & no_default)
        why = f" ({', '.join(missing)} {'has' if len(missing) == 1 else 'have'} no default)" \
            if missing else ""
        result = f"'{exp.text}'" if exp.text else "an empty name"
        yield Violation(image.span, f"with the ARG defaults alone, '{image.text}' becomes "
                        f"{result}, which is not a valid image reference{why}", stage.from_,
                        fix=f"ARG {missing[0]}=<default>" if missing else None)


RULE = Rule(
    id="DW408",
    name="invalid-default-arg-in-from",
    severity=Severity.WARNING,
    summary="Global ARG defaults must give every FROM a valid image reference.",
    check=check,
    doc=__doc__ or "",
    aliases=("InvalidDefaultArgInFrom",),
    tags=("buildkit",),
)
