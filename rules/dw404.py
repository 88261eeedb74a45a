"""DW404 ``consistent-instruction-casing``: instruction keywords are not all cased alike.

## What it does
Counts the instruction keywords written all in upper case and all in lower case; the larger
group (upper case on a tie) sets the file's style, and every keyword written otherwise, mixed
case (``Run``) included, is reported. This is BuildKit's build check
``ConsistentInstructionCasing``.

## Why is this bad?
Keywords are case-insensitive, so nothing breaks; but a file that mixes ``RUN`` and ``run``
reads as pasted together from several sources, and a mixed-case ``Copy`` is harder to spot when
scanning for instructions.

## Example
```dockerfile
FROM alpine:3.20
run apk add --no-cache curl
COPY app /app
```

## Use instead
```dockerfile
FROM alpine:3.20
RUN apk add --no-cache curl
COPY app /app
```

## How dockwise differs from BuildKit
BuildKit looks only at instructions inside stages. dockwise also checks the ARGs before the
first FROM and the instruction after ``ONBUILD``, which are just as much part of the file.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def _keywords(model: Model) -> Iterator[tuple[n.Instruction, n.Instruction]]:
    """``(keyword owner, top-level instruction)`` for every instruction and ONBUILD trigger."""
    for instr in model.dockerfile.instructions:
        if isinstance(instr, n.Unknown):
            continue
        yield instr, instr
        if isinstance(instr, n.Onbuild) and instr.trigger is not None:
            yield instr.trigger, instr


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each keyword not cased like the file's majority."""
    words = list(_keywords(model))
    lower = sum(1 for w, _ in words if w.keyword == w.keyword.lower())
    upper = sum(1 for w, _ in words if w.keyword == w.keyword.upper())
    majority_lower = lower > upper
    style = "lower" if majority_lower else "upper"
    for word, owner in words:
        keyword = word.keyword
        wanted = keyword.lower() if majority_lower else keyword.upper()
        if keyword != wanted:
            yield Violation(word.keyword_span, f"'{keyword}' should be written '{wanted}', in "
                            f"{style} case like most instructions in this file", owner,
                            fix=wanted)


RULE = Rule(
    id="DW404",
    name="consistent-instruction-casing",
    severity=Severity.STYLE,
    summary="Write every instruction keyword in the same case.",
    check=check,
    doc=__doc__ or "",
    aliases=("ConsistentInstructionCasing",),
    tags=("buildkit",),
)
