"""DL1000 ``syntax-error``: the Dockerfile cannot be parsed as BuildKit parses it.

## What it does
Reports each place BuildKit's parser, or its check of an instruction's arguments, rejects:
an unknown instruction, an unterminated heredoc, a JSON array with a non-string element, a
repeated parser directive, ``ENV key`` with no value, ``FROM`` with two words, invalid UTF-8...
A forbidden ONBUILD trigger (``ONBUILD FROM``, ``ONBUILD ONBUILD``, ``ONBUILD MAINTAINER``) is
left to DL3043, hadolint's rule for it, so it is reported once.

## Why is this bad?
``docker build`` stops at the first of these. dockwise reports every one, each at its exact
line and column, and keeps linting the rest of the file.

## Example
```dockerfile
FROM alpine:3.20
RUNN echo hello
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN echo hello
```

## How dockwise differs from hadolint
hadolint stops at the first parse error and reports nothing else; dockwise reports each error
and runs every other rule on the rest of the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation per syntax issue the parser recorded."""
    instructions = model.dockerfile.instructions
    for issue in model.dockerfile.errors:
        if issue.rule is not None:
            continue  # a more specific rule reports it (DL3043)
        instr = instructions[issue.instruction] if issue.instruction is not None else None
        yield Violation(issue.span, issue.message, instr)


RULE = Rule(
    id="DL1000",
    name="syntax-error",
    severity=Severity.ERROR,
    summary="The Dockerfile cannot be parsed (BuildKit would reject it).",
    check=check,
    doc=__doc__ or "",
    tags=("syntax",),
)
