r"""DL3015 ``apt-no-install-recommends``: install apt packages with ``--no-install-recommends``.

## What it does
Reports ``apt-get install`` (or ``apt install``) of one or more packages that lets apt add
the packages' *recommended* packages. Accepted: ``--no-install-recommends``,
``-o APT::Install-Recommends=false`` (or ``0``, ``no``), and ``APT::Install-Recommends
"false";`` written to ``/etc/apt/apt.conf.d`` earlier in the image, by a RUN or a COPY
heredoc, in this stage or a stage it is built from.

## Why is this bad?
Recommended packages are what a desktop user probably wants next to the package: manual
pages, fonts, X11 libraries, a mail server. In an image they are dead weight, often tens of
megabytes, and more software to patch.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5 \
 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12
COPY <<EOF /etc/apt/apt.conf.d/99-no-recommends
APT::Install-Recommends "false";
EOF
RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5 \
 && apt-get install -y --no-install-recommends git=1:2.39.2-1.1 \
 && rm -rf /var/lib/apt/lists/*
```

## How dockwise differs from hadolint
- The setting written to ``apt.conf.d`` (in this stage or its parent stages) is honoured,
  and ``-o=APT::Install-Recommends=0`` / ``--option`` spellings are read as apt reads them;
  hadolint only accepts ``--no-install-recommends`` and the exact
  ``APT::Install-Recommends=false`` word.
- The finding is at the ``apt-get install`` words; ``apt install`` is checked too.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import apt_skips_recommends


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each apt install that also installs recommended packages."""
    for _stage, run, _script, call in model.package_calls("apt", {"install"}):
        if not call.packages:
            continue
        if not apt_skips_recommends(call, model.config_texts(run, "/etc/apt")):
            yield Violation(call.head_span, f"'{call.head}' without --no-install-recommends "
                            "also installs the packages' recommended packages", run,
                            fix=f"{call.head} --no-install-recommends")


RULE = Rule(
    id="DL3015",
    name="apt-no-install-recommends",
    severity=Severity.INFO,
    summary="Avoid extra packages: use 'apt-get install --no-install-recommends'.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
