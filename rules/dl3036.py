"""DL3036 ``zypper-clean``: run ``zypper clean`` in the RUN that installs with zypper.

## What it does
Reports ``zypper install`` (and the other commands that refresh repositories and download
packages: ``update``, ``patch``, ``dist-upgrade``, ``source-install``,
``install-new-recommends``) when the same RUN does not afterwards run ``zypper clean``
(``zypper cc``, with or without ``--all``) or delete ``/var/cache/zypp``, and that directory
is not a cache or tmpfs mount of the RUN. Only stages whose layers end up in an image are
checked (see DL3009).

## Why is this bad?
zypper keeps the repositories' metadata and solver cache in ``/var/cache/zypp``: tens of
megabytes that the image carries forever. Cleaning in a later RUN does not shrink the
earlier layer.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0 && zypper clean --all
```

## How dockwise differs from hadolint
- A clean before the install does not count (hadolint#957); deleting ``/var/cache/zypp`` and
  a cache mount do. Builder stages whose files are only copied out are not checked.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import PACKAGE_MANAGERS, Script, package_calls

CACHE = ("/var/cache/zypp",)


def _cleans(script: Script) -> list[int]:
    return [c.command.index for c in package_calls(script, "zypper", {"clean"})]


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each zypper download not followed by ``zypper clean``."""
    for run, _script, call in model.calls_leaving_cache(
            "zypper", PACKAGE_MANAGERS["zypper"].installs, CACHE, _cleans):
        yield Violation(call.head_span, f"'{call.head}' leaves zypper's cache in this layer; "
                        "run 'zypper clean --all' after it in the same RUN", run,
                        fix="&& zypper clean --all")


RULE = Rule(
    id="DL3036",
    name="zypper-clean",
    severity=Severity.WARNING,
    summary="Run 'zypper clean' in the RUN that installs with zypper.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
