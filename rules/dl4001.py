"""DL4001 ``wget-and-curl``: a stage uses both ``wget`` and ``curl``.

## What it does
Reports a stage whose RUN instructions call both ``wget`` and ``curl``. Each call of the tool
used less often in the stage is reported (of the one used later, when both are used equally),
with the line where the other one is used, so switching those calls settles it. Calls in a
fallback are not counted: a command after ``||`` or inside ``if``/``case`` (``curl -fsSL "$u"
|| wget -qO- "$u"``) is there because the other tool may be missing.

## Why is this bad?
Both tools do the same job. Installing both makes the image bigger, and a Dockerfile that
mixes them needs both in every base image it runs on. Pick one.

## Example
```dockerfile
FROM debian:12
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
RUN wget -q -O /tmp/b.tgz https://example.com/b.tgz
```

## Use instead
```dockerfile
FROM debian:12
RUN curl -fsSLo /tmp/a.tgz https://example.com/a.tgz
RUN curl -fsSLo /tmp/b.tgz https://example.com/b.tgz
```

## How dockwise differs from hadolint
hadolint counts a ``curl ... || wget ...`` fallback as using both, and reports whole RUN lines;
dockwise skips fallbacks and reports the calls to change.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.shell import ShellWord

_TOOLS = ("curl", "wget")


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per call of the minority download tool in a stage using both."""
    uses: dict[int, dict[str, list[tuple[ShellWord, n.Run]]]] = {}
    for stage, run in model.runs():
        for script in model.scripts(run):
            if script.program_names.isdisjoint(_TOOLS):
                continue
            for cmd in script.commands:
                prog = cmd.effective()[0]
                if prog in _TOOLS and not cmd.conditional:
                    by_tool = uses.setdefault(stage.index, {})
                    by_tool.setdefault(prog, []).append((cmd.programs()[-1], run))
    for by_tool in uses.values():
        if len(by_tool) < 2:
            continue

        def weight(tool: str, _by_tool: dict = by_tool) -> tuple[int, int, int]:
            first = _by_tool[tool][0][0].span  # fewer calls first, then the later first call
            return (len(_by_tool[tool]), -first.start_line, -first.start_column)

        name = min(_TOOLS, key=weight)
        other_name = "wget" if name == "curl" else "curl"
        other_line = by_tool[other_name][0][0].span.start_line
        for word, run in by_tool[name]:
            yield Violation(word.span,
                            f"both {other_name} (line {other_line}) and {name} are used in "
                            "this stage; use one of them", run, fix=f"use {other_name} here")


RULE = Rule(
    id="DL4001",
    name="wget-and-curl",
    severity=Severity.WARNING,
    summary="Use either wget or curl in a stage, not both.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
