"""DL3030 ``yum-assume-yes``: answer yum's confirmation prompt with ``-y``.

## What it does
Reports ``yum`` ``install``, ``groupinstall``, ``localinstall``, ``group install``, ``reinstall``,
``update``, ``downgrade``, ``remove`` and ``autoremove`` without a way to answer "Is this
ok [y/N]". Accepted: ``-y``/``--assumeyes`` (anywhere on the command), ``--setopt=assumeyes=1``,
``yes |`` in front of the command, and ``assumeyes=1`` written to ``/etc/yum.conf`` or
``/etc/dnf/dnf.conf`` earlier in the image (a RUN or a COPY heredoc, in this stage or a
stage it is built from).

## Why is this bad?
A build has no terminal: yum reads end-of-file at its prompt, answers no, and the RUN fails
(or, worse, exits 0 having installed nothing, depending on the version).

## Example
```dockerfile
FROM centos:7
RUN yum install httpd-2.4.6 && yum clean all
```

## Use instead
```dockerfile
FROM centos:7
RUN yum install -y httpd-2.4.6 && yum clean all
```

## How dockwise differs from hadolint
- ``--setopt=assumeyes=1``, ``yes |`` and ``assumeyes`` in ``yum.conf`` are accepted.
- ``group install``, ``reinstall``, ``update``, ``remove`` and the other prompting commands
  are checked, not only ``install``, ``groupinstall`` and ``localinstall``.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import RPM_PROMPTING, fed_by_yes, rpm_assumes_yes


def unanswered_prompts(model: Model, manager: str) -> Iterator[Violation]:
    """Violations for the prompting commands of ``manager`` (``yum`` here, ``dnf`` for
    DL3038) that nothing answers."""
    for _stage, run, script, call in model.package_calls(manager, RPM_PROMPTING):
        if fed_by_yes(script, call.command) or rpm_assumes_yes(
                call, model.config_texts(run, "/etc/yum") + model.config_texts(run, "/etc/dnf")):
            continue
        yield Violation(call.head_span, f"'{call.head}' without -y stops at its "
                        "confirmation prompt, which fails the build", run, fix=f"{call.head} -y")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each prompting yum command with no answer to the prompt."""
    yield from unanswered_prompts(model, "yum")


RULE = Rule(
    id="DL3030",
    name="yum-assume-yes",
    severity=Severity.WARNING,
    summary="Use 'yum install -y' so the build does not stop at a prompt.",
    check=check,
    doc=__doc__ or "",
    tags=("reliability",),
)
