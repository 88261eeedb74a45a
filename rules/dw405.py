"""DW405 ``undefined-arg-in-from``: FROM uses a variable no global ARG declares.

## What it does
Reports each ``$NAME`` in a FROM image or ``--platform`` value that is neither declared by an
``ARG`` before the first FROM nor one of BuildKit's automatic platform arguments
(``BUILDPLATFORM``, ``TARGETARCH``, ...), with a "did you mean" suggestion when a declared name
is close (BuildKit's own rule: at most two edits). This is BuildKit's build check
``UndefinedArgInFrom``.

## Why is this bad?
FROM sees only global ARGs. An undeclared name expands to nothing, silently: ``FROM
node:${NODE_VERSION}-alpine`` becomes ``node:-alpine`` and the build fails, or worse,
``FROM --platform=$BULIDPLATFORM`` (a typo) builds for no platform at all. An ARG declared
inside an earlier stage does not count either: stage ARGs never reach FROM lines.

## Example
```dockerfile
ARG GO_VERSION=1.22
FROM golang:${GO_VERSOIN}-alpine
```

## Use instead
```dockerfile
ARG GO_VERSION=1.22
FROM golang:${GO_VERSION}-alpine
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import AUTOMATIC_PLATFORM_ARGS, Model
from dockwise.syntax import nodes as n
from dockwise.syntax.variables import NameSuggester

#: Automatic arguments newer BuildKit versions also define in the global scope.
MORE_AUTOMATIC_ARGS = frozenset({"TARGETSTAGE", "BUILDOSVERSION", "TARGETOSVERSION"})


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each reference to an undeclared name in a FROM line."""
    options = [name for name in model.global_variables if name not in AUTOMATIC_PLATFORM_ARGS]
    options += sorted(AUTOMATIC_PLATFORM_ARGS)
    known = set(options) | MORE_AUTOMATIC_ARGS
    suggest = NameSuggester()
    for stage in model.stages:
        from_ = stage.from_
        words: list[n.Token | n.Flag] = [w for w in (from_.image, from_.flag("platform"))
                                         if w is not None]
        for word in words:
            seen: set[str] = set()
            for name, span in model.references(from_, word):
                if name in known or name in seen:
                    continue
                seen.add(name)
                close = suggest(name, options)
                hint = f"; did you mean ${close}?" if close else \
                    f"; declare it with 'ARG {name}=...' before the first FROM"
                yield Violation(span, f"FROM uses ${name}, which no global ARG declares, so it "
                                f"expands to nothing{hint}", from_,
                                fix=f"${{{close}}}" if close else None)


RULE = Rule(
    id="DW405",
    name="undefined-arg-in-from",
    severity=Severity.WARNING,
    summary="FROM may only use ARGs declared before the first FROM.",
    check=check,
    doc=__doc__ or "",
    aliases=("UndefinedArgInFrom",),
    tags=("buildkit",),
)
