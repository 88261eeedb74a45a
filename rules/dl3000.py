"""DL3000 ``workdir-relative``: use an absolute path in WORKDIR.

## What it does
Reports a WORKDIR whose path, after expanding ARG and ENV values, is relative. The finding is
on the path; when the working directory before it is known, the suggested fix is the absolute
path it resolves to.

## Why is this bad?
A relative WORKDIR is resolved against the previous one, which may come from a base image you
do not control; an absolute path says where files go no matter what came before.

## Example
```dockerfile
FROM alpine:3.20
WORKDIR app
```

## Use instead
```dockerfile
FROM alpine:3.20
WORKDIR /app
```

## How dockwise differs from hadolint
hadolint skips every path that starts with a variable; dockwise expands ``$VAR`` through ARG and
ENV and checks the result, skipping only values it cannot know. Windows drive paths
(``C:\\app``) count as absolute. BuildKit's ``WorkdirRelativePath`` check names this rule too;
it stays silent once an absolute WORKDIR was set, while dockwise, like hadolint, still asks for
the absolute path (and says which one it is).
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n

_WINDOWS_ABS = re.compile(r"^[A-Za-z]:([\\/]|$)")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation for each WORKDIR whose expanded path is known and relative."""
    for instr in model.instructions(n.Workdir):
        assert isinstance(instr, n.Workdir)
        if instr.value is None:
            continue
        exp = model.expand(instr.value.text, instr)
        path = exp.text
        if not exp.known or not path or path.startswith(("/", "\\")) or \
                _WINDOWS_ABS.match(path):
            continue
        previous = model.state(instr).workdir
        if previous is not None and previous.startswith("/"):
            resolved = posixpath.normpath(posixpath.join(previous, path))
            yield Violation(instr.value.span, f"WORKDIR '{path}' is relative (it resolves to "
                            f"{resolved}); use the absolute path", instr,
                            fix=f"WORKDIR {resolved}")
        else:
            yield Violation(instr.value.span, f"WORKDIR '{path}' is relative to the base "
                            "image's working directory; use an absolute path", instr,
                            fix=f"WORKDIR {posixpath.normpath('/' + path)}")


RULE = Rule(
    id="DL3000",
    name="workdir-relative",
    severity=Severity.ERROR,
    summary="Use an absolute path in WORKDIR.",
    check=check,
    doc=__doc__ or "",
    aliases=("WorkdirRelativePath",),
    tags=("buildkit",),
)
