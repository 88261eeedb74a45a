"""DW407 ``legacy-key-value-format``: ``ENV key value`` instead of ``ENV key=value``.

## What it does
Reports ENV and LABEL written in the old whitespace form, ``ENV NAME value`` (also after
``ONBUILD``), and suggests the ``NAME=value`` form. This is BuildKit's build check
``LegacyKeyValueFormat``.

## Why is this bad?
The old form sets one variable to *the whole rest of the line*: ``ENV PATH /app/bin
PYTHONUNBUFFERED 1`` sets PATH to ``/app/bin PYTHONUNBUFFERED 1``, a mistake the ``=`` form
makes impossible. Docker documents the form as deprecated.

## Example
```dockerfile
FROM alpine:3.20
ENV APP_HOME /app
```

## Use instead
```dockerfile
FROM alpine:3.20
ENV APP_HOME=/app
```

## How dockwise differs from BuildKit
BuildKit looks at ENV and LABEL only when it runs them; dockwise also checks the ones after
``ONBUILD``, written in the same file.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n


def _fix(name: str, pair: n.KeyValue) -> str | None:
    value = pair.value.text if pair.value is not None else ""
    if any(q in value for q in "'\""):
        return None
    if any(c.isspace() for c in value):
        value = f'"{value}"'
    return f"{name} {pair.key.text}={value}"


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at the key of each ENV/LABEL pair in the whitespace form."""
    for instr in model.dockerfile.instructions:
        target = instr.trigger if isinstance(instr, n.Onbuild) else instr
        if not isinstance(target, (n.Env, n.Label)):
            continue
        for pair in target.pairs:
            if pair.legacy:
                yield Violation(pair.key.span, f"'{target.name} {pair.key.text} value' is the "
                                f"legacy form; write '{target.name} {pair.key.text}=value'",
                                instr, fix=_fix(target.name, pair))


RULE = Rule(
    id="DW407",
    name="legacy-key-value-format",
    severity=Severity.WARNING,
    summary="Write ENV and LABEL as key=value, not 'key value'.",
    check=check,
    doc=__doc__ or "",
    aliases=("LegacyKeyValueFormat",),
    tags=("buildkit",),
)
