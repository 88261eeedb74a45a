"""DL3046 ``useradd-long-uid``: ``useradd`` with a large UID and without ``-l``.

## What it does
Reports ``useradd -u UID`` (``--uid UID``, ``--uid=UID``, ``-ou UID``...) with a UID of
100000 or more when ``-l``/``--no-log-init`` is missing. A UID written as a variable
(``-u "${APP_UID}"``) is resolved through ARG and ENV values; an unknown value is not
reported. The finding covers the UID option and its value.

## Why is this bad?
Without ``-l``, ``useradd`` records the new user in ``/var/log/lastlog`` and
``/var/log/faillog``, files indexed by UID: for UID 123456 they grow to tens of megabytes.
On disk they are sparse, but image layers store them in full, so the layer carries megabytes of
zeros (and building may run out of space for very large UIDs).

## Example
```dockerfile
FROM debian:12
RUN useradd -u 123456 app
```

## Use instead
```dockerfile
FROM debian:12
RUN useradd -l -u 123456 app
```

## How dockwise differs from hadolint
hadolint judges the UID as written, so ``-u ${USER_ID}`` is reported even with
``ARG USER_ID=1000``; dockwise resolves the value through ARG/ENV and compares the number.
"""

from __future__ import annotations

from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax import nodes as n
from dockwise.syntax.shell import ShellWord

#: UIDs from here on make lastlog/faillog large (hadolint: more than five digits).
LONG_UID = 100000
_USERADD_VALUE_FLAGS = frozenset({
    "-b", "--base-dir", "-c", "--comment", "-d", "--home-dir", "-e", "--expiredate", "-f",
    "--inactive", "-g", "--gid", "-G", "--groups", "-k", "--skel", "-K", "--key", "-p",
    "--password", "-R", "--root", "-P", "--prefix", "-s", "--shell", "-u", "--uid", "-Z",
    "--selinux-user",
})


def _uid(model: Model, run: n.Run, word: ShellWord) -> int | None:
    """The numeric value of a UID word, through ARG/ENV; ``None`` when not a known number."""
    text = word.text
    if not word.literal:
        exp = model.expand(word.raw, run)
        if not exp.known:
            return None
        text = exp.text
    return int(text) if text.isdigit() else None


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation per ``useradd`` with a UID of 100000 or more and no ``-l``."""
    for _stage, run in model.runs():
        for script in model.scripts(run):
            for inv in script.invocations("useradd", takes_value=_USERADD_VALUE_FLAGS):
                opt = inv.option("-u", "--uid")
                if opt is None or opt.value is None or inv.has("-l", "--no-log-init"):
                    continue
                uid = _uid(model, run, opt.value)
                if uid is None or uid < LONG_UID:
                    continue
                yield Violation(opt.word.span.cover(opt.value.span),
                                f"useradd with UID {uid} and without -l writes lastlog and "
                                "faillog entries that make the layer megabytes larger", run,
                                fix="useradd -l ...")


RULE = Rule(
    id="DL3046",
    name="useradd-long-uid",
    severity=Severity.WARNING,
    summary="Use useradd -l with a large UID, or lastlog/faillog bloat the layer.",
    check=check,
    doc=__doc__ or "",
    tags=("size",),
)
