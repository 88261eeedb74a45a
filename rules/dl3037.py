r"""DL3037 ``zypper-pin-version``: pin the versions of packages installed with zypper.

## What it does
Reports each package of a ``zypper install`` (``zypper in``) that names no version: ``curl``
rather than ``curl=8.6.0`` or ``'curl>=8.6'``. Any version relation counts (``=``, ``>=``,
``>``, ``<=``, ``<``), and so does an ``.rpm`` file or URL. Patterns, patches and products
(``-t pattern devel_basis``) cannot be pinned and are not checked. Packages written as
variables are checked after expanding ARG and ENV values; unknown values are not reported.

## Why is this bad?
An unpinned package is whatever the repositories serve on the day of the build, so the same
Dockerfile gives different images, and an update can break the build without any change on
your side.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl && zypper clean --all
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0 'git>=2.43' \
 && zypper --non-interactive install -t pattern devel_basis \
 && zypper clean --all
```

## How dockwise differs from hadolint
- Option values are not packages (``--repo oss``, ``-t pattern``), and patterns are not
  reported. Versions from ARG/ENV values are resolved; each package is reported at its
  position.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import describe


def pinned(package: str) -> bool:
    """``True`` for a package with a version relation, or an ``.rpm`` file or URL."""
    return any(c in package for c in "=<>") or package.endswith(".rpm") or "/" in package


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each zypper package named without a version."""
    for run, call, word, package in model.package_words("zypper", {"install"}):
        if call.value("-t", "--type") not in (None, "package"):
            continue
        if not pinned(package):
            yield Violation(word.span, f"{describe(word, package)} is installed without a "
                            f"version; pin it: {package}=<version>", run,
                            fix=f"{package}=<version>")


RULE = Rule(
    id="DL3037",
    name="zypper-pin-version",
    severity=Severity.WARNING,
    summary="Pin versions in zypper install (package=version).",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
