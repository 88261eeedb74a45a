"""DL3032 ``yum-clean-all``: run ``yum clean all`` in the RUN that installs with yum.

## What it does
Reports ``yum install`` (and the other commands that download packages: ``groupinstall``,
``localinstall``, ``reinstall``, ``update``, ``downgrade``, ``module install``) when the same
RUN does not afterwards run ``yum clean all`` (``dnf clean all`` counts: on RHEL 8 and
later ``yum`` is dnf) or delete ``/var/cache/yum``, and the cache directory is not a cache or
tmpfs mount of the RUN. Only stages whose layers end up in an image are checked (see DL3009).

## Why is this bad?
yum keeps repository metadata (and, depending on ``keepcache``, the downloaded packages) in
``/var/cache/yum``: often a hundred megabytes that the image carries forever. Cleaning in a
later RUN does not shrink the earlier layer.

## Example
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
RUN --mount=type=cache,target=/var/cache/yum yum install -y mod_ssl-2.4.6
```

## How dockwise differs from hadolint
- A clean that runs *before* the install does not count (hadolint#957); ``rm -rf
  /var/cache/yum`` and a cache mount do.
- Builder stages whose files are only copied out are not checked (hadolint#929).
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import PACKAGE_MANAGERS, rpm_cleans

CACHE = ("/var/cache/yum", "/var/cache/dnf")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each yum download not followed by ``yum clean all``."""
    for run, _script, call in model.calls_leaving_cache(
            "yum", PACKAGE_MANAGERS["yum"].installs, CACHE, rpm_cleans):
        yield Violation(call.head_span, f"'{call.head}' leaves the yum cache in this layer; "
                        "run 'yum clean all' after it in the same RUN", run,
                        fix="&& yum clean all")


RULE = Rule(
    id="DL3032",
    name="yum-clean-all",
    severity=Severity.WARNING,
    summary="Run 'yum clean all' in the RUN that installs with yum.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
