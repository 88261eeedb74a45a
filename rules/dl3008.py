r"""DL3008 ``apt-pin-version``: pin the versions of packages installed with ``apt-get install``.

## What it does
Reports each package of an ``apt-get install`` (or ``apt install``) that names no version:
``curl`` rather than ``curl=7.88.1-10+deb12u5``. A ``.deb`` file (``./app_1.0_amd64.deb``)
and a release selection (``curl/bookworm-backports``) are accepted. Packages written as
variables are checked after expanding the ARG and ENV values in effect (``$PACKAGES``,
``curl=${CURL_VERSION}``); a list whose value cannot be known when linting (an ARG without a
default, a shell variable or array, a command substitution) is not reported.

## Why is this bad?
Without a version, what gets installed depends on the day the image is built: a rebuild
silently picks up new versions, with new bugs or a changed dependency, and two images built
from the same Dockerfile differ. A pinned version fails loudly when it leaves the archive
instead of changing under you.

## Example
```dockerfile
FROM debian:12
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12
ARG CURL_VERSION=7.88.1-10+deb12u5
RUN apt-get update \
 && apt-get install -y --no-install-recommends "curl=${CURL_VERSION}" ./vendor/tool_1.2_amd64.deb \
 && rm -rf /var/lib/apt/lists/*
```

## How dockwise differs from hadolint
- Variables are resolved: ``apt-get install $PACKAGES`` is checked against the ARG's
  default, and ``"${deps[@]}"`` or ``$(cat packages.txt)`` (unknown until the build) is not
  reported; hadolint reports the variable itself as an unpinned package (hadolint#363).
- Each unpinned package is reported at its own position, not once per RUN.
- ``apt install`` is checked as well as ``apt-get install`` (DL3027 also reports ``apt``).
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import describe


def pinned(package: str) -> bool:
    """``True`` for ``name=version``, a release (``name/bookworm-backports``) or a ``.deb``."""
    return "=" in package or "/" in package or package.endswith(".deb")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each package word of an apt install that names no version."""
    for run, _call, word, package in model.package_words("apt", {"install"}):
        if not pinned(package):
            yield Violation(word.span, f"{describe(word, package)} is installed without a "
                            f"version; pin it: {package}=<version>", run,
                            fix=f"{package}=<version>")


RULE = Rule(
    id="DL3008",
    name="apt-pin-version",
    severity=Severity.WARNING,
    summary="Pin versions in apt-get install (package=version).",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
