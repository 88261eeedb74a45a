"""DL3020 ``add-for-local-files``: use COPY instead of ADD for files and folders.

## What it does
Reports ADD with a local source that is not an archive ADD would unpack: ADD of a URL
(``http(s)://``, ``git@``) or of a ``.tar``/``.tar.gz``/``.tgz``/``.tar.bz2``/``.tar.xz`` archive
is left alone.

## Why is this bad?
ADD has surprising extra behaviour (it unpacks local archives, fetches URLs); COPY does only
what it says. Use ADD only for what COPY cannot do.

## Example
```dockerfile
FROM alpine:3.20
ADD app.py /app/
```

## Use instead
```dockerfile
FROM alpine:3.20
COPY app.py /app/
```
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n

_REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*://|git@)", re.IGNORECASE)
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tar.xz", ".txz",
                    ".tar.zst", ".tar.lz", ".tar.lzma", ".gz", ".bz2", ".xz")


def is_remote(source: str) -> bool:
    """``True`` for a URL or git source that ADD fetches."""
    return bool(_REMOTE.match(source.strip("\"'")))


def is_archive(source: str) -> bool:
    """``True`` for a file name ADD would unpack as a local archive."""
    return source.strip("\"'").lower().endswith(ARCHIVE_SUFFIXES)


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation for each ADD with a plain local source."""
    for instr in model.instructions(n.Add):
        assert isinstance(instr, n.Add)
        for src in instr.sources:
            if src.text.startswith("<<") or is_remote(src.text) or is_archive(src.text):
                continue
            yield Violation(instr.keyword_span,
                            f"ADD of local '{src.text}': use COPY for files and folders",
                            instr, fix="COPY " + instr.args)
            break


RULE = Rule(
    id="DL3020",
    name="add-for-local-files",
    severity=Severity.ERROR,
    summary="Use COPY instead of ADD for files and folders.",
    check=check,
    doc=__doc__ or "",
)
