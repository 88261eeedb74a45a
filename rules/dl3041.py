r"""DL3041 ``dnf-pin-version``: pin the versions of packages installed with dnf or microdnf.

## What it does
Reports each package of a ``dnf``, ``dnf5`` or ``microdnf`` ``install`` (or ``reinstall``,
``downgrade``) that names no version: ``httpd`` rather than ``httpd-2.4.62-1.fc40``. The
version is the last ``-`` part of the spec, or the last two (version and release), and
starts with a digit; an epoch and an architecture suffix are allowed. An ``.rpm`` file or URL
is accepted; ``dnf module install`` needs a stream (``nginx:1.24``); groups (``group
install``, ``@group``) cannot be pinned and are not checked. Packages written as variables
are checked after expanding ARG and ENV values; unknown values are not reported.

## Why is this bad?
An unpinned package is whatever the repositories serve on the day of the build, so the same
Dockerfile gives different images, and an update can break the build without any change on
your side.

## Example
```dockerfile
FROM fedora:40
RUN dnf install -y httpd && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:40
ARG GIT_VERSION=2.45.2-2.fc40
RUN dnf --installroot /mnt/rootfs install -y --releasever 40 "git-core-${GIT_VERSION}" \
 && dnf group install -y "Development Tools" \
 && dnf module install -y nginx:1.24 \
 && dnf clean all
```

## How dockwise differs from hadolint
- Option values are not packages: ``--installroot /mnt/rootfs``, ``--releasever 9``,
  ``--setopt install_weak_deps=false`` (hadolint#945).
- Versions from ARG/ENV values are resolved (``"git-core-${GIT_VER}"``, hadolint#1136;
  ``python${PY_PKG_VERSION}``, hadolint#1030).
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules.dl3033 import unpinned_packages


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each dnf package named without a version."""
    yield from unpinned_packages(model, "dnf")


RULE = Rule(
    id="DL3041",
    name="dnf-pin-version",
    severity=Severity.WARNING,
    summary="Pin versions in dnf install (package-version).",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
