r"""DL3033 ``yum-pin-version``: pin the versions of packages installed with ``yum install``.

## What it does
Reports each package of a ``yum install`` (or ``localinstall``, ``reinstall``, ``downgrade``)
that names no version: ``httpd`` rather than ``httpd-2.4.6-99.el7``. The version is the last
``-`` part of the spec, or the last two (version and release), and starts with a digit;
an epoch (``nginx-1:1.20.1-10.el9``) and an architecture suffix are allowed. An ``.rpm``
file or URL is accepted; ``yum module install`` needs a stream (``nodejs:20``); groups
(``groupinstall``, ``@group``) cannot be pinned and are not checked. Packages written as
variables are checked after expanding ARG and ENV values; unknown values are not reported.

## Why is this bad?
An unpinned package is whatever the repositories serve on the day of the build, so the same
Dockerfile gives different images, and an update can break the build without any change on
your side.

## Example
```dockerfile
FROM centos:7
RUN yum install -y httpd python3-devel && yum clean all
```

## Use instead
```dockerfile
FROM centos:7
ARG WHICH_VERSION=2.20-7.el7
RUN yum install -y httpd-2.4.6-99.el7 "which-${WHICH_VERSION}" \
 && yum module install -y nodejs:20 \
 && yum clean all
```

## How dockwise differs from hadolint
- ``python3-devel`` or ``java-17-openjdk`` are names, not versions: hadolint accepts any
  package with a ``-`` in it, dockwise wants a version after the name.
- Versions from ARG/ENV values are resolved (``which-${WHICH_VERSION}``, hadolint#1143),
  and option values (``--enablerepo epel``, ``--installroot /mnt``) are not packages.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import RPM_PINNABLE, describe, rpm_pinned


def unpinned_packages(model: Model, manager: str) -> Iterator[Violation]:
    """Violations for the packages of ``manager`` (``yum`` here, ``dnf`` for DL3041) named
    without a version."""
    for run, call, word, package in model.package_words(manager, RPM_PINNABLE):
        if not package.startswith("@") and not rpm_pinned(package, call.action):
            hint = f"{package}:<stream>" if call.action == "module-install" else \
                f"{package}-<version>"
            yield Violation(word.span, f"{describe(word, package)} is installed without a "
                            f"version; pin it: {hint}", run, fix=hint)


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each yum package named without a version."""
    yield from unpinned_packages(model, "yum")


RULE = Rule(
    id="DL3033",
    name="yum-pin-version",
    severity=Severity.WARNING,
    summary="Pin versions in yum install (package-version).",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
