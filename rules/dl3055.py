"""DL3055 ``label-not-git-hash``: a label the schema types ``hash`` is not a git commit hash.

## What it does
For each key that ``label-schema`` gives the format ``hash``, checks the LABEL value, after
ARG/ENV expansion, is a git object name: 7 to 40 hexadecimal digits (a full or abbreviated
SHA-1) or 64 (a SHA-256 repository). The finding is on the value.

## Why is this bad?
``org.opencontainers.image.revision`` ties an image to the commit it was built from. A branch
name, a tag or a placeholder (``HEAD``, ``unknown``) does not identify a commit, and the link
from the image back to its source is lost.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="main"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.revision="4f1c2ab9e07d"
```

## How dockwise differs from hadolint
hadolint accepts exactly 7 or 40 lower-case digits; git abbreviates hashes to as many digits as
a repository needs (often 9 to 12), accepts upper case, and SHA-256 repositories use 64, so
dockwise accepts 7 to 40 or 64 digits in either case. The value is checked after variable
expansion; values that depend on an unknown variable are not judged, and an empty value is
reported once, by DL3051.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules._labels import format_violations, lazy_pattern

_hash_re = lazy_pattern(r"[0-9A-Fa-f]{7,40}|[0-9A-Fa-f]{64}")


def is_git_hash(value: str) -> bool:
    """``True`` for 7-40 or 64 hexadecimal digits (an abbreviated or full git object name)."""
    return _hash_re().fullmatch(value) is not None


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``hash`` label whose known value is not a commit hash."""
    yield from format_violations(model, config, "hash", is_git_hash,
                                 "a git commit hash (7 to 40 or 64 hexadecimal digits)")


RULE = Rule(
    id="DL3055",
    name="label-not-git-hash",
    severity=Severity.WARNING,
    summary="A label the label schema types 'hash' is not a git commit hash.",
    check=check,
    doc=__doc__ or "",
    tags=("labels",),
    example_config={"label_schema": {"org.opencontainers.image.revision": "hash"}},
)
