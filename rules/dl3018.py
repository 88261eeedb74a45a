r"""DL3018 ``apk-pin-version``: pin the versions of packages added with ``apk add``.

## What it does
Reports each package of an ``apk add`` that names no version: ``curl`` rather than
``curl=8.9.1-r0``. Any apk version constraint counts (``=``, ``~`` fuzzy match such as
``curl~8.9``, ``>``, ``<``, ``>=``), and so does a local ``.apk`` file. The value of
``--virtual``/``-t`` (the name of a virtual package) and of ``--repository``/``-X`` are not
packages. Packages written as variables are checked after expanding the ARG and ENV values
in effect; a list whose value cannot be known when linting is not reported.

## Why is this bad?
An unpinned package is whatever the Alpine mirror has on the day of the build, so two builds
of the same Dockerfile differ. Alpine keeps only the latest version of each package in a
release branch, so a pin also tells you, by failing, that an update happened.

## Example
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
```

## Use instead
```dockerfile
FROM alpine:3.20
ARG CURL_VERSION=8.9.1-r0
RUN apk add --no-cache --virtual .build-deps "curl=${CURL_VERSION}" 'git~2.45' \
    ./vendor/tool-1.0-r0.apk
```

## How dockwise differs from hadolint
- ``apk add $BUILD_PACKAGES`` is checked against the ARG's default instead of being reported
  as an unpinned package called ``$BUILD_PACKAGES`` (hadolint#393); an unknown value is not
  reported.
- Each unpinned package is reported at its own position, and ``>``/``<`` constraints count.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import describe


def pinned(package: str) -> bool:
    """``True`` for a versioned apk dependency (``=``, ``~``, ``<``, ``>``) or an ``.apk``."""
    return any(c in package for c in "=~<>") or package.endswith(".apk")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each package of an ``apk add`` that names no version."""
    for run, _call, word, package in model.package_words("apk", {"add"}):
        if not pinned(package):
            yield Violation(word.span, f"{describe(word, package)} is added without a "
                            f"version; pin it: {package}=<version>", run,
                            fix=f"{package}=<version>")


RULE = Rule(
    id="DL3018",
    name="apk-pin-version",
    severity=Severity.WARNING,
    summary="Pin versions in apk add (package=version).",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
