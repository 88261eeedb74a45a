"""DL3045 ``copy-relative-no-workdir``: COPY to a relative path before any WORKDIR.

## What it does
Reports a COPY or ADD whose destination, after ARG/ENV expansion, is relative (``.``,
``app/``, ``config.yaml``) when no WORKDIR has been set yet, neither in its stage nor in the
stages it is built ``FROM``. The finding is on the destination. Not reported: absolute paths
(``/app``, ``C:\\app``, ``C:/app``), destinations that depend on an unknown variable, and
stages built on ``scratch``, whose working directory is always ``/``.

## Why is this bad?
A relative destination is resolved against the working directory, which then comes from the
base image: ``/`` for many, ``/go`` for ``golang``, ``/usr/src/app`` for others, and it can
change when the base image is updated. Files end up somewhere the Dockerfile does not say.
Set WORKDIR first, or copy to an absolute path.

## Example
```dockerfile
FROM python:3.12-slim
COPY requirements.txt .
```

## Use instead
```dockerfile
FROM python:3.12-slim
WORKDIR /app
COPY requirements.txt .
```

## How dockwise differs from hadolint
hadolint skips every destination that starts with ``$`` (``COPY a $DIR`` with
``ARG DIR=app`` is relative) and reports ``FROM scratch`` stages, whose working directory is
known; dockwise resolves variables, does not report scratch stages, and also checks ADD.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n

_ABSOLUTE_RE = re.compile(r"^(/|\\|[A-Za-z]:([\\/]|$))")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per COPY/ADD to a relative path with no WORKDIR in effect."""
    for instr in model.instructions(n.Copy, n.Add):
        assert isinstance(instr, n.FileTransfer)
        dest = instr.destination
        stage = model.stage_of(instr)
        if dest is None or stage is None or model.state(instr).workdir is not None:
            continue
        base = stage.root_base
        if base is not None and base.is_scratch:
            continue
        exp = model.expand(dest.text, instr)
        if not exp.known or not exp.text or _ABSOLUTE_RE.match(exp.text) or \
                _ABSOLUTE_RE.match(dest.text.strip("\"'")):
            continue
        yield Violation(dest.span, f"{instr.name} to relative '{exp.text}' before any WORKDIR: "
                        "it depends on the base image's working directory", instr,
                        fix="set WORKDIR first, or use an absolute destination")


RULE = Rule(
    id="DL3045",
    name="copy-relative-no-workdir",
    severity=Severity.WARNING,
    summary="Set WORKDIR before copying to a relative destination.",
    check=check,
    doc=__doc__ or "",
)
