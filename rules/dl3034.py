r"""DL3034 ``zypper-non-interactive``: run zypper non-interactively.

## What it does
Reports ``zypper`` ``install``/``in``, ``remove``/``rm``, ``update``/``up``, ``patch``,
``dist-upgrade``/``dup``, ``source-install``/``si`` and ``install-new-recommends`` without a
way to answer its questions. Accepted: the global ``-n``/``--non-interactive`` (before the
command), ``-y``/``--no-confirm`` (after it), and ``yes |`` in front of the command. After the
command, ``-n`` means ``--name`` and does not count.

## Why is this bad?
A build has no terminal: zypper reads end-of-file at its prompt, aborts, and the RUN fails.

## Example
```dockerfile
FROM opensuse/leap:15.6
RUN zypper install curl=8.6.0 && zypper clean --all
```

## Use instead
```dockerfile
FROM opensuse/leap:15.6
RUN zypper --non-interactive install curl=8.6.0 \
 && zypper in -y git=2.43.0 \
 && zypper clean --all
```

## How dockwise differs from hadolint
- ``update``, ``patch``, ``dist-upgrade`` and ``install-new-recommends`` are checked too, and
  ``zypper install -n`` (``--name``) is not mistaken for the global ``-n``.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import fed_by_yes

PROMPTING = frozenset({"install", "remove", "update", "patch", "dist-upgrade", "source-install",
                       "install-new-recommends"})


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each prompting zypper command without a non-interactive switch."""
    for _stage, run, script, call in model.package_calls("zypper", PROMPTING):
        if call.has("-y", "--no-confirm", "--non-interactive") or \
                any(o.name == "-n" for o in call.global_options) or \
                fed_by_yes(script, call.command):
            continue
        yield Violation(call.head_span, f"'{call.head}' without --non-interactive stops at "
                        "its prompt, which fails the build", run,
                        fix=call.head.replace("zypper", "zypper --non-interactive", 1))


RULE = Rule(
    id="DL3034",
    name="zypper-non-interactive",
    severity=Severity.WARNING,
    summary="Use 'zypper --non-interactive' (or install -y) so the build does not stop.",
    check=check,
    doc=__doc__ or "",
    tags=("reliability",),
)
