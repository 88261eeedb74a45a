"""DW409 ``copy-ignored-file``: COPY or ADD names a path that ``.dockerignore`` excludes.

## What it does
Reads the build context's ignore file (``<Dockerfile>.dockerignore`` next to the Dockerfile,
else ``.dockerignore`` at the context root) and reports each COPY or ADD source from the build
context (not ``COPY --from``, URLs or heredocs) that it excludes, itself or through a parent
directory, after expanding ARG and ENV values. Matching is Docker's (``*``, ``?``, ``**``,
later patterns winning). As in BuildKit, nothing is reported when the ignore file has ``!``
exceptions (which files survive then depends on the context's contents), and ``COPY . .`` only
when a pattern such as ``*`` or ``**`` excludes everything. Runs only when the context directory
exists. This is BuildKit's build check ``CopyIgnoredFile``.

## Why is this bad?
Excluded files are never sent to the builder, so ``COPY config.yaml /etc/app/`` fails with "not
found" even though the file is right there in the directory: a confusing error that often
surfaces only in CI. A wildcard source whose matches are all excluded copies nothing, silently.

## Example
```file=.dockerignore
*.env
```

```dockerfile
FROM alpine:3.20
COPY prod.env /etc/app/
```

## Use instead
```file=.dockerignore
*.env
```

```dockerfile
FROM alpine:3.20
COPY config.yaml /etc/app/
```

## How dockwise differs from BuildKit
A source written with a leading ``/`` (``COPY /prod.env /etc/``) names the same context file and
is checked too; BuildKit compares it with the patterns as written and misses it.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.parser import is_heredoc_marker

_WILDCARDS = frozenset("*?[")
_EVERYTHING = frozenset({"*", "**", "**/*"})


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each context source that the ignore file excludes."""
    ctx = model.context
    if ctx is None or not ctx.root.is_dir():
        return
    patterns = ctx.dockerignore_patterns
    if not patterns or any(p.startswith("!") for p in patterns):
        return
    ignore_file = ctx.dockerignore_path.name if ctx.dockerignore_path else ".dockerignore"
    everything = any(posixpath.normpath(p.strip("/")) in _EVERYTHING for p in patterns)
    for instr in model.instructions(n.Copy, n.Add):
        assert isinstance(instr, n.FileTransfer)
        if instr.flag("from") is not None or model.stage_of(instr) is None:
            continue
        for src in instr.sources:
            if instr.heredocs and is_heredoc_marker(src.text):
                continue
            exp = model.expand(src.text, instr)
            if not exp.known or exp.error or "://" in exp.text or exp.text.startswith("git@"):
                continue
            path = posixpath.normpath(exp.text).lstrip("/") or "."
            if path == "." and not everything:
                continue
            if not ctx.is_ignored(path):
                continue
            what = f"{instr.name} {exp.text}"
            if _WILDCARDS & set(path):
                yield Violation(src.span, f"{what}: every file this matches is excluded by "
                                f"{ignore_file}, so it copies nothing", instr,
                                severity=Severity.WARNING)
            else:
                yield Violation(src.span, f"{what}: '{path}' is excluded by {ignore_file}, so "
                                "it is not in the build context and the build fails with "
                                "'not found'", instr,
                                fix=f"remove the pattern excluding '{path}' from {ignore_file}")


RULE = Rule(
    id="DW409",
    name="copy-ignored-file",
    severity=Severity.ERROR,
    summary="Do not COPY or ADD files that .dockerignore excludes from the build context.",
    check=check,
    doc=__doc__ or "",
    aliases=("CopyIgnoredFile",),
    tags=("buildkit",),
)
