"""DL3010 ``add-to-extract``: a tar archive is COPYed and then extracted by a RUN.

## What it does
Reports a COPY from the build context of a tar archive (``.tar``, ``.tar.gz``/``.tgz``,
``.tar.bz2``/``.tbz2``/``.tbz``, ``.tar.xz``/``.txz``: the formats ADD unpacks) that a later RUN
of the same stage extracts: ``tar -xzf app.tgz``, ``tar xf /tmp/app.tar``, ``gunzip -c
app.tar.gz | tar -x``, ``gunzip app.tar.gz``. Archives are matched by file name. The finding is
on the archive in the COPY, naming the line that extracts it. Not reported, because ADD cannot
do the same:

* zip, 7z or rar archives, and a ``.gz`` that is not a tar (ADD copies them as they are);
* extraction that selects or rewrites what it unpacks: ``--strip-components``,
  ``--transform``, ``--exclude``, ``--wildcards``, naming members to extract, or writing to
  stdout (``-O``, ``--to-command``);
* ``COPY --from=...`` (ADD cannot read from another stage).

## Why is this bad?
The COPY puts the archive in one layer and the RUN puts its contents in another; deleting the
archive afterwards does not make the first layer smaller. ``ADD app.tar.gz /opt/app/`` unpacks
a local tar archive straight into the image, in one layer, without the archive.

## Example
```dockerfile
FROM debian:12
COPY app.tar.gz /tmp/
RUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz
```

## Use instead
```dockerfile
FROM debian:12
ADD app.tar.gz /opt/
```

## How dockwise differs from hadolint
hadolint also reports extractions that ADD cannot replace (``--strip-components``, selected
members, ``--exclude``) and misses the old ``tar xzf`` spelling; dockwise reports only what ADD
can do.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.shell import Script, ShellWord, SimpleCommand, parse_options

#: Local archives ADD unpacks (Docker's ADD: tar, optionally gzip, bzip2 or xz compressed).
TAR_EXTENSIONS = (".tar", ".tar.gz", ".tgz", ".tar.bz2", ".tbz2", ".tbz", ".tar.xz", ".txz")
_DECOMPRESSORS = frozenset({"gunzip", "bunzip2", "unxz", "zcat", "gzcat", "bzcat", "xzcat"})
_TAR_VALUE_FLAGS = frozenset({
    "-f", "--file", "-C", "--directory", "-T", "--files-from", "-X", "--exclude-from",
    "--exclude", "-b", "--blocking-factor", "-g", "--listed-incremental", "-K",
    "--starting-file", "-N", "--newer", "-V", "--label", "--strip-components", "--transform",
    "--xform", "--owner", "--group", "--mode", "--mtime", "-H", "--format", "-I",
    "--use-compress-program", "--to-command", "--checkpoint-action",
})
#: tar options that make the extraction something ADD cannot do.
_SELECTIVE = frozenset({"--strip-components", "--transform", "--xform", "--exclude", "-X",
                        "--exclude-from", "--wildcards", "-O", "--to-stdout", "--to-command",
                        "-T", "--files-from", "-K", "--starting-file"})


def _is_tar_archive(name: str) -> bool:
    return name.lower().endswith(TAR_EXTENSIONS)


def _tar_extract(cmd: SimpleCommand) -> tuple[bool, str | None]:
    """For a ``tar`` command: whether it extracts everything as ADD would, and the base name
    of the archive it reads (``None`` for stdin)."""
    args = list(cmd.effective()[1])
    if args and not args[0].text.startswith("-") and args[0].text.isalpha():
        # old-style bundled options: ``tar xzf file``
        first = args[0]
        args[0] = ShellWord("-" + first.text, first.raw, first.span, first.literal)
    options, operands = parse_options(args, takes_value=_TAR_VALUE_FLAGS)
    names = {o.name for o in options}
    if not names & {"-x", "--extract", "--get"}:
        return False, None
    archive = None
    for o in options:
        if o.name in ("-f", "--file") and o.value is not None and o.value.text != "-":
            archive = posixpath.basename(o.value.text)
    whole = not (names & _SELECTIVE) and not operands
    return whole, archive


def _extracted(script: Script) -> Iterator[tuple[str, SimpleCommand]]:
    """Archive base names that ``script`` unpacks completely, with the command doing it."""
    commands = script.commands
    for i, cmd in enumerate(commands):
        prog, args = cmd.effective()
        if prog == "tar":
            whole, archive = _tar_extract(cmd)
            if whole and archive is not None:
                yield archive, cmd
            continue
        if prog not in _DECOMPRESSORS and prog != "cat" and not (prog == "xz" and any(
                w.text in ("-d", "--decompress") for w in args)):
            continue
        names = [posixpath.basename(w.text) for w in args if not w.text.startswith("-")]
        if cmd.in_pipeline:
            # the archive flows into the next command of the pipe: a tar reading stdin
            nxt = commands[i + 1] if i + 1 < len(commands) else None
            if nxt is None or not nxt.in_pipeline or nxt.pipeline_index != \
                    cmd.pipeline_index + 1 or nxt.effective()[0] != "tar":
                continue
            whole, archive = _tar_extract(nxt)
            if not whole or archive is not None:
                continue
        elif prog == "cat":
            continue
        for name in names:
            yield name, cmd


def _archives(model: Model, copy: n.Copy) -> Iterator[tuple[str, n.Token]]:
    """Base names of the tar archives a context COPY puts in the image, with their tokens."""
    if copy.flag("from") is not None or copy.destination is None:
        return
    sources = [s for s in copy.sources if not s.text.startswith("<<")]
    dest = _path(model, copy, copy.destination)
    if len(sources) == 1 and _is_tar_archive(dest) and not dest.endswith("/"):
        yield posixpath.basename(dest), sources[0]
        return
    for src in sources:
        name = posixpath.basename(_path(model, copy, src).rstrip("/"))
        if _is_tar_archive(name):
            yield name, src


def _path(model: Model, copy: n.Copy, token: n.Token) -> str:
    text = token.text
    if "$" in text or "'" in text or '"' in text:
        return model.expand(text, copy).text
    return text


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per COPYed tar archive that a later RUN of the stage extracts."""
    for stage in model.stages:
        pending: dict[str, tuple[n.Token, n.Copy]] = {}
        for instr in stage.instructions:
            if isinstance(instr, n.Copy):
                pending.update((name, (token, instr)) for name, token in _archives(model, instr))
            elif isinstance(instr, n.Run) and pending:
                for script in model.scripts(instr):
                    for name, cmd in _extracted(script):
                        found = pending.pop(name, None)
                        if found is None:
                            continue
                        token, copy = found
                        yield Violation(token.span, f"'{name}' is copied here and extracted "
                                        f"on line {cmd.line}; ADD unpacks a local tar "
                                        "archive in one layer without keeping the archive",
                                        copy, fix="ADD <archive> <directory>/")


RULE = Rule(
    id="DL3010",
    name="add-to-extract",
    severity=Severity.INFO,
    summary="Use ADD to unpack a local tar archive instead of COPY and tar.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
