"""DL4005 ``use-shell-instruction``: use SHELL instead of relinking ``/bin/sh``.

## What it does
Reports an ``ln`` in a RUN that replaces ``/bin/sh`` (or ``/usr/bin/sh``, the same file on
merged-``/usr`` systems): ``ln -sf /bin/bash /bin/sh``, ``ln -s -f bash /usr/bin/sh``,
``ln -sf /opt/sh /bin/``, ``ln -sft /bin /opt/sh``. The finding is on the link's name (or the
``-t`` directory). A link *to* ``/bin/sh`` made elsewhere (``ln -s /bin/sh /usr/local/bin/sh``) is
not reported.

## Why is this bad?
Relinking ``/bin/sh`` changes the shell of every script in the image, including the package
manager's maintainer scripts, which are written for the distribution's own ``/bin/sh``. To run
the Dockerfile's RUN instructions with another shell, say so with ``SHELL``.

## Example
```dockerfile
FROM debian:12
RUN ln -sf /bin/bash /bin/sh
RUN echo "${BASH_VERSION}"
```

## Use instead
```dockerfile
FROM debian:12
SHELL ["/bin/bash", "-c"]
RUN echo "${BASH_VERSION}"
```

## How dockwise differs from hadolint
hadolint reports any ``ln`` with ``/bin/sh`` among its arguments, also when ``/bin/sh`` is the
link's target rather than the file replaced; dockwise reports only a link named ``/bin/sh``,
and also sees ``/usr/bin/sh`` and ``-t /bin``.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.syntax.shell import Option, ShellWord

_SYSTEM_SH = frozenset({"/bin/sh", "/usr/bin/sh"})
_LN_VALUE_FLAGS = frozenset({"-t", "--target-directory", "-S", "--suffix"})


def _replaced_sh(options: tuple[Option, ...], operands: tuple[ShellWord, ...]) -> ShellWord | None:
    """The word naming ``/bin/sh`` as the link ``ln`` creates, or ``None``."""
    target_dir = None
    for opt in options:
        if opt.name in ("-t", "--target-directory") and opt.value is not None:
            target_dir = opt.value
    if target_dir is not None:
        for src in operands:
            name = posixpath.join(target_dir.text, posixpath.basename(src.text.rstrip("/")))
            if posixpath.normpath(name) in _SYSTEM_SH:
                return target_dir
        return None
    if len(operands) < 2:
        return None
    dest = operands[-1]
    path = posixpath.normpath(dest.text) if dest.text else ""
    if path in _SYSTEM_SH:
        return dest
    if path in ("/bin", "/usr/bin") and any(posixpath.basename(s.text) == "sh"
                                            for s in operands[:-1]):
        return dest
    return None


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``ln`` link name that replaces ``/bin/sh``."""
    for _stage, run in model.runs():
        for script in model.scripts(run):
            for inv in script.invocations("ln", takes_value=_LN_VALUE_FLAGS):
                word = _replaced_sh(inv.options, inv.operands)
                if word is not None:
                    yield Violation(word.span, "ln replaces /bin/sh; use SHELL to run RUN "
                                    "instructions with another shell", run,
                                    fix='SHELL ["/bin/bash", "-c"]')


RULE = Rule(
    id="DL4005",
    name="use-shell-instruction",
    severity=Severity.WARNING,
    summary="Use SHELL to change the shell instead of relinking /bin/sh.",
    check=check,
    doc=__doc__ or "",
)
