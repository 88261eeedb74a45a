"""DL3056 ``label-not-semver``: a label the schema types ``semver`` is not a semantic version.

## What it does
For each key that ``label-schema`` gives the format ``semver``, checks the LABEL value, after
ARG/ENV expansion, is a version by Semantic Versioning 2.0.0: ``MAJOR.MINOR.PATCH`` without
leading zeros, optionally followed by ``-pre.release`` identifiers and ``+build`` metadata
(``1.4.0``, ``2.0.0-rc.1+build.5``). The finding is on the value.

## Why is this bad?
Tools that order or compare images by version need versions they can parse. ``v1.4``,
``1.4`` or ``latest`` are not semantic versions.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="v1.4"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.version="1.4.0"
```

## How dockwise differs from hadolint
The value is checked after variable expansion (``ARG VERSION=1.4.0``); values that depend on
an unknown variable are not judged, and an empty value is reported once, by DL3051. A leading
``v`` gets a hint to drop it.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules._labels import format_violations, lazy_pattern

# The grammar of semver.org (Semantic Versioning 2.0.0, "Backus-Naur Form Grammar").
_NUM = r"(?:0|[1-9][0-9]*)"
_PRE_ID = r"(?:0|[1-9][0-9]*|[0-9]*[A-Za-z-][0-9A-Za-z-]*)"
_semver_re = lazy_pattern(
    rf"{_NUM}\.{_NUM}\.{_NUM}(?:-{_PRE_ID}(?:\.{_PRE_ID})*)?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?")


def is_semver(value: str) -> bool:
    """``True`` for a Semantic Versioning 2.0.0 version (no leading ``v``)."""
    return _semver_re().fullmatch(value) is not None


def _hint(value: str) -> str:
    if value[:1] in "vV" and is_semver(value[1:]):
        return f"; drop the leading '{value[0]}'"
    return ""


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``semver`` label whose known value is not a version."""
    yield from format_violations(model, config, "semver", is_semver,
                                 "a semantic version such as 1.4.0", _hint)


RULE = Rule(
    id="DL3056",
    name="label-not-semver",
    severity=Severity.WARNING,
    summary="A label the label schema types 'semver' is not a semantic version.",
    check=check,
    doc=__doc__ or "",
    tags=("labels",),
    example_config={"label_schema": {"org.opencontainers.image.version": "semver"}},
)
