"""DL3038 ``dnf-assume-yes``: answer dnf's confirmation prompt with ``-y``.

## What it does
Reports ``dnf``, ``dnf5`` and ``microdnf`` ``install``, ``group install``, ``module install``,
``reinstall``, ``update``/``upgrade``, ``downgrade``, ``distro-sync``, ``remove`` and
``autoremove`` without a way to answer "Is this ok [y/N]". Accepted: ``-y``/``--assumeyes``
(anywhere on the command), ``--setopt=assumeyes=True``, ``yes |`` in front of the command,
and ``assumeyes=True`` written to ``/etc/dnf/dnf.conf`` or ``/etc/yum.conf`` earlier in the
image (a RUN or a COPY heredoc, in this stage or a stage it is built from).

## Why is this bad?
A build has no terminal: dnf reads end-of-file at its prompt, treats it as "no", and the RUN
fails with "Operation aborted".

## Example
```dockerfile
FROM fedora:40
RUN dnf install httpd-2.4.62 && dnf clean all
```

## Use instead
```dockerfile
FROM fedora:40
RUN dnf install -y httpd-2.4.62 && dnf clean all
```

## How dockwise differs from hadolint
- ``--setopt=assumeyes=True``, ``yes |`` and ``assumeyes`` in ``dnf.conf`` are accepted.
- ``module install``, ``upgrade``, ``remove`` and the other prompting commands are checked,
  not only ``install``, ``groupinstall`` and ``localinstall``; so is ``dnf5``.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules.dl3030 import unanswered_prompts


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each prompting dnf command with no answer to the prompt."""
    yield from unanswered_prompts(model, "dnf")


RULE = Rule(
    id="DL3038",
    name="dnf-assume-yes",
    severity=Severity.WARNING,
    summary="Use 'dnf install -y' so the build does not stop at a prompt.",
    check=check,
    doc=__doc__ or "",
    tags=("reliability",),
)
