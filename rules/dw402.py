"""DW402 ``from-as-casing``: the ``AS`` of a FROM is not cased like its ``FROM``.

## What it does
Reports ``FROM image as name`` and ``from image AS name``: when the FROM keyword is all upper
or all lower case, the ``AS`` keyword must be too. A mixed-case ``From`` is left to
``consistent-instruction-casing``. This is BuildKit's build check ``FromAsCasing``.

## Why is this bad?
Both words are keywords; writing them in different cases makes the line read as if ``as`` were
an argument, and is the kind of inconsistency that makes a file look unmaintained.

## Example
```dockerfile
FROM golang:1.22 as build
```

## Use instead
```dockerfile
FROM golang:1.22 AS build
```
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``AS`` cased unlike its ``FROM``."""
    for stage in model.stages:
        from_ = stage.from_
        as_kw = from_.as_keyword
        if as_kw is None:
            continue
        keyword = from_.keyword
        if keyword == keyword.upper():
            wanted = as_kw.text.upper()
        elif keyword == keyword.lower():
            wanted = as_kw.text.lower()
        else:
            continue
        if as_kw.text != wanted:
            yield Violation(as_kw.span, f"'{as_kw.text}' should be cased like '{keyword}': "
                            f"write '{wanted}'", from_, fix=wanted)


RULE = Rule(
    id="DW402",
    name="from-as-casing",
    severity=Severity.STYLE,
    summary="Write AS in the same case as FROM.",
    check=check,
    doc=__doc__ or "",
    aliases=("FromAsCasing",),
    tags=("buildkit",),
)
