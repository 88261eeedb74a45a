"""DL3003 ``use-workdir``: use WORKDIR instead of ``cd`` in RUN.

## What it does
Reports the first ``cd`` of a RUN that WORKDIR could replace: a ``cd`` at the top level of the
RUN's script (also inside ``&&`` chains, conditionals and heredoc scripts) into a directory the
RUN keeps. These are not reported:

* ``cd`` inside a subshell, ``( cd src && make )``: its effect ends with the parentheses, which
  is what hadolint's own documentation recommends when a ``cd`` is needed;
* ``cd`` into a directory that the same RUN removes later (``cd /tmp/jo && make install &&
  rm -rf /tmp/jo``), into a fresh temporary directory (``cd "$(mktemp -d)"``), or into one
  whose name is only known once an archive is unpacked (``cd /tmp/node-v*``): building in a
  scratch directory and deleting it in the same layer cannot be written with WORKDIR, which
  would leave the directory in the image;
* a ``cd`` that returns (``cd -``, ``cd ..`` after another ``cd``, back to a directory the RUN
  was already in, or to ``/`` when no WORKDIR is set).

## Why is this bad?
``cd`` lasts only until the end of its RUN, so a Dockerfile that needs a directory keeps
repeating ``cd /app && ...`` and each RUN silently depends on the previous line's path. WORKDIR
sets the directory once, for every later RUN, COPY, CMD and ENTRYPOINT, and creates it if
needed.

## Example
```dockerfile
FROM node:20-alpine
COPY . /app
RUN cd /app && npm ci
```

## Use instead
```dockerfile
FROM node:20-alpine
WORKDIR /app
COPY . .
RUN npm ci
```

## How dockwise differs from hadolint
hadolint reports every ``cd``, including one in a subshell (hadolint issue 422) and the
build-in-a-temporary-directory pattern that WORKDIR cannot express; dockwise reports only a
``cd`` that WORKDIR could replace, once per RUN.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import Script, ShellWord, SimpleCommand, parse_options

#: Stands for the working directory when WORKDIR was never set (the base image's).
_UNKNOWN_CWD = "/.cwd"
_GLOB_CHARS = frozenset("*?[")


def _resolve(cwd: str, path: str) -> str:
    """``path`` made absolute against ``cwd``; paths starting with a variable or ``~`` are
    kept as written, which is enough to compare them."""
    path = path.rstrip("/") or "/"
    if path.endswith("/*"):
        path = path[:-2] or "/"
    if path.startswith(("$", "~")):
        return path
    return posixpath.normpath(posixpath.join(cwd, path))


def _under(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip("/") + "/")


def _target(args: tuple[ShellWord, ...]) -> ShellWord | None:
    _, operands = parse_options(args)
    return operands[0] if operands else None


def _not_knowable(word: ShellWord) -> bool:
    """A directory WORKDIR cannot name in advance: made by ``$(mktemp -d)`` or matched by a
    glob (``cd /tmp/node-v*``, a directory unpacked from an archive)."""
    return (not word.literal and ("$(" in word.raw or "`" in word.raw)) or \
        any(c in _GLOB_CHARS for c in word.text)


def replaceable_cd(script: Script, workdir: str | None
                   ) -> tuple[SimpleCommand, str, str | None] | None:
    """The first top-level ``cd`` of ``script`` that WORKDIR could replace, or ``None``.

    Returns ``(command, directory as written, absolute directory)``: the directory is ``""``
    for a bare ``cd``; the absolute one is ``None`` when it depends on the unknown working
    directory or on a variable.

    Args:
        script: one script of a RUN.
        workdir: the WORKDIR in effect (absolute), or ``None`` when never set; the base
            image's directory, ``/`` for most images, is then assumed for ``cd /``.
    """
    cwd = workdir or _UNKNOWN_CWD
    visited = {cwd} if workdir else {cwd, "/"}
    candidates: list[tuple[int, SimpleCommand, str, str]] = []
    removed: list[tuple[int, str]] = []
    for cmd in script.commands:
        prog, args = cmd.effective()
        if prog == "rm":
            removed.extend((cmd.index, _resolve(cwd, op.text)) for op in parse_options(args)[1])
            continue
        if prog != "cd" or cmd.subshell:
            continue
        word = _target(args)
        raw = word.text if word is not None else ""
        if raw in ("-", "$OLDPWD", "${OLDPWD}"):
            cwd = _UNKNOWN_CWD + "/-"
            continue
        new = _resolve(cwd, raw) if raw else "~"
        returning = new in visited or (raw == ".." and bool(candidates))
        if not returning and not (word is not None and _not_knowable(word)):
            candidates.append((cmd.index, cmd, raw, new))
        cwd = new
        visited.add(new)
    for index, cmd, raw, path in candidates:
        if any(i > index and _under(path, gone) for i, gone in removed):
            continue
        known = path.startswith("/") and not _under(path, _UNKNOWN_CWD)
        return cmd, raw, path if known else None
    return None


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield one violation per RUN, at its first ``cd`` that WORKDIR could replace."""
    for _stage, run in model.runs():
        workdir = model.state(run).workdir
        for script in model.scripts(run):
            if "cd" not in script.program_names:
                continue
            found = replaceable_cd(script, workdir)
            if found is None:
                continue
            cmd, raw, path = found
            where = raw or "$HOME"
            yield Violation(cmd.programs()[-1].span,
                            f"cd {where} lasts only until the end of this RUN; set the "
                            "directory with WORKDIR", run, fix=f"WORKDIR {path or where}")
            break


RULE = Rule(
    id="DL3003",
    name="use-workdir",
    severity=Severity.WARNING,
    summary="Use WORKDIR to change directory instead of cd in RUN.",
    check=check,
    doc=__doc__ or "",
)
