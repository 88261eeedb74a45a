"""DL3040 ``dnf-clean-all``: run ``dnf clean all`` in the RUN that installs with dnf.

## What it does
Reports ``dnf``, ``dnf5`` and ``microdnf`` ``install`` (and the other commands that download
packages: ``group install``, ``module install``, ``reinstall``, ``upgrade``, ``downgrade``,
``distro-sync``) when the same RUN does not afterwards run ``dnf clean all`` (or
``microdnf clean all``, ``yum clean all``) or delete the cache (``/var/cache/dnf``,
``/var/cache/libdnf5`` for dnf5, ``/var/cache/yum``), and the cache is not a cache or tmpfs
mount of the RUN. Only stages whose layers end up in an image are checked (see DL3009).

## Why is this bad?
dnf keeps repository metadata in its cache directory: tens to hundreds of megabytes that the
image carries forever. Cleaning in a later RUN does not shrink the earlier layer.

## Example
```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62
```

## Use instead
```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
RUN microdnf install -y tar-1.35 && rm -rf /var/cache/yum/* /var/cache/dnf/*
```

## How dockwise differs from hadolint
- Only an ``rm`` that deletes a dnf cache counts as cleaning, and only after the install:
  hadolint accepts any ``rm -rf`` anywhere in the RUN (hadolint#1250) and misses a clean
  placed before the install (hadolint#957).
- ``upgrade``, ``module install`` and the other downloading commands are checked; builder
  stages whose files are only copied out are not.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import PACKAGE_MANAGERS, rpm_cleans

CACHE = ("/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each dnf download not followed by ``dnf clean all``."""
    for run, _script, call in model.calls_leaving_cache(
            "dnf", PACKAGE_MANAGERS["dnf"].installs, CACHE, rpm_cleans):
        clean = f"{call.invocation.program} clean all"
        yield Violation(call.head_span, f"'{call.head}' leaves the dnf cache in this layer; "
                        f"run '{clean}' after it in the same RUN", run, fix=f"&& {clean}")


RULE = Rule(
    id="DL3040",
    name="dnf-clean-all",
    severity=Severity.WARNING,
    summary="Run 'dnf clean all' in the RUN that installs with dnf.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
