r"""DL3014 ``apt-assume-yes``: answer apt-get's confirmation prompt with ``-y``.

## What it does
Reports ``apt-get`` (or ``apt``) ``install``, ``upgrade``, ``dist-upgrade``, ``full-upgrade``,
``remove``, ``purge``, ``autoremove``, ``build-dep`` and ``reinstall`` run without a way to
answer "Do you want to continue?". Accepted: ``-y``, ``--yes``, ``--assume-yes`` (also in a
cluster such as ``-yq``), quiet level 2 (``-qq``, ``-q -q``, ``-q=2``, which apt-get(8) says
implies ``-y``), ``-o APT::Get::Assume-Yes=true``, a simulation (``-s``), ``yes |`` in front
of the command, and ``APT::Get::Assume-Yes "true";`` written to ``/etc/apt/apt.conf.d``
earlier in the image (a RUN or a COPY heredoc, in this stage or a stage it is built from).

## Why is this bad?
A build has no terminal: when apt-get asks for confirmation it reads end-of-file, prints
"Abort." and fails the RUN, as soon as the command needs anything beyond what was asked for
(a dependency to install, a package to remove). ``DEBIAN_FRONTEND=noninteractive`` only
silences debconf questions; it does not answer apt-get's own prompt.

## Example
```dockerfile
FROM debian:12
RUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install --no-install-recommends \
    curl=7.88.1-10+deb12u5 && rm -rf /var/lib/apt/lists/*
```

## Use instead
```dockerfile
FROM debian:12
RUN apt-get update && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u5 \
 && apt-get -qq install --no-install-recommends git=1:2.39.2-1.1 \
 && rm -rf /var/lib/apt/lists/*
```

## How dockwise differs from hadolint
- ``-o APT::Get::Assume-Yes=true``, a simulation (``-s``), ``yes | apt-get ...`` and the
  setting written to ``apt.conf.d`` are accepted; hadolint reports them.
- ``upgrade``, ``dist-upgrade``, ``remove``, ``purge`` and the other prompting commands are
  checked, not only ``install``; so is ``apt``.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import apt_assumes_yes, fed_by_yes

#: apt-get commands that can stop at "Do you want to continue? [Y/n]".
PROMPTING = frozenset({"install", "upgrade", "dist-upgrade", "full-upgrade", "remove", "purge",
                       "autoremove", "build-dep", "reinstall"})


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each prompting apt-get command with no answer to the prompt."""
    for _stage, run, script, call in model.package_calls("apt", PROMPTING):
        if fed_by_yes(script, call.command):
            continue
        if not apt_assumes_yes(call, model.config_texts(run, "/etc/apt")):
            yield Violation(call.head_span, f"'{call.head}' without -y stops at its "
                            "confirmation prompt, which fails the build", run,
                            fix=f"{call.head} -y")


RULE = Rule(
    id="DL3014",
    name="apt-assume-yes",
    severity=Severity.WARNING,
    summary="Use 'apt-get install -y' so the build does not stop at a prompt.",
    check=check,
    doc=__doc__ or "",
    tags=("reliability",),
)
