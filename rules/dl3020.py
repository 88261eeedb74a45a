"""DL3020 ``add-for-local-files``: use COPY instead of ADD for files and folders.

## What it does
Reports ADD, on the keyword, when one of its sources is a plain local file or directory or a
here-document: things COPY does the same way. ADD whose sources are all URLs
(``https://...``, ``git@...``) or archives ADD unpacks (``.tar``, ``.tar.gz``, ``.tgz``,
``.tar.xz``, ``.tar.zst``...) is left alone. Sources are expanded through ARG/ENV first; one
the linter cannot know is not judged. The suggested fix keeps the flags and is offered only when
no source needs ADD.

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

## How dockwise differs from hadolint
Sources are judged after variable expansion (``ARG URL=https://...`` / ``ADD $URL /x`` is a
download, not a local file), any URL scheme and ``git@`` sources count as remote, and
``ADD <<EOF`` here-documents, which COPY writes the same way, are reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n

_REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*://|git@)", re.IGNORECASE)
#: Names of files ADD may unpack (BuildKit detects tar archives by content, compressed with
#: gzip, bzip2, xz or zstd; hadolint's list adds lzip, lzma and compress).
ARCHIVE_SUFFIXES = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz", ".tbz2", ".tb2", ".tar.xz",
                    ".txz", ".tar.zst", ".tzst", ".tar.lz", ".tlz", ".tar.lzma", ".tar.z", ".tz",
                    ".tpz", ".gz", ".bz2", ".xz", ".zst", ".lz", ".lzma", ".z")


def is_remote(source: str) -> bool:
    """``True`` for a URL or git source that ADD fetches."""
    return bool(_REMOTE.match(source.strip("\"'")))


def is_archive(source: str) -> bool:
    """``True`` for a file name ADD would unpack as a local archive."""
    return source.strip("\"'").lower().endswith(ARCHIVE_SUFFIXES)


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation for each ADD with a plain local source (after ARG/ENV expansion) or
    a heredoc; ADD whose sources are all URLs or archives is left alone."""
    for instr in model.instructions(n.Add):
        assert isinstance(instr, n.Add)
        plain = []
        for src in instr.sources:
            if src.text.startswith("<<"):
                plain.append(f"the here-document {src.text}")
                continue
            exp = model.expand(src.text, instr)
            if not exp.known or is_remote(exp.text) or is_archive(exp.text):
                continue
            plain.append(f"local '{exp.text}'")
        if plain:
            # COPY does the same only when no source needs ADD (an archive or a URL)
            same = len(plain) == len(instr.sources)
            yield Violation(instr.keyword_span, f"ADD of {plain[0]}: use COPY, which does only "
                            "the copy", instr,
                            fix="COPY" + instr.line_text[len(instr.keyword):] if same else None)


RULE = Rule(
    id="DL3020",
    name="add-for-local-files",
    severity=Severity.ERROR,
    summary="Use COPY instead of ADD for files and folders.",
    check=check,
    doc=__doc__ or "",
)
