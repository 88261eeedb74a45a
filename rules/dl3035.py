"""DL3035 ``zypper-dist-upgrade``: do not run ``zypper dist-upgrade`` in a Dockerfile.

## What it does
Reports ``zypper dist-upgrade`` and its alias ``zypper dup``.

## Why is this bad?
``dist-upgrade`` moves the whole system to whatever the configured repositories hold, which
may be a new distribution release: the image no longer matches its base image's tag, the
result changes from build to build, and the layer duplicates most of the base image. Choose a
newer base image instead, or update the packages you need with ``zypper update``.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive dist-upgrade && zypper clean --all
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive patch && zypper clean --all
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``zypper dist-upgrade``."""
    for _stage, run, _script, call in model.package_calls("zypper", {"dist-upgrade"}):
        yield Violation(call.head_span, f"'{call.head}' upgrades the whole distribution inside "
                        "the image; use a newer base image instead", run)


RULE = Rule(
    id="DL3035",
    name="zypper-dist-upgrade",
    severity=Severity.WARNING,
    summary="Do not use 'zypper dist-upgrade'.",
    check=check,
    doc=__doc__ or "",
    tags=("reproducibility",),
)
