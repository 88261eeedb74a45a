"""DL3048 ``invalid-label-key``: a LABEL key does not follow Docker's key format.

## What it does
Checks every LABEL key (after ARG/ENV expansion, ONBUILD triggers included) against Docker's
format for label keys: it begins with a lower-case letter, ends with a lower-case letter or a
digit, uses only lower-case letters, digits, ``.``, ``-``, ``_`` and ``/``, has no ``..`` or
``--``, and is not in a namespace Docker reserves (``com.docker.``, ``io.docker.``,
``org.dockerproject.``). The finding is on the key.

## Why is this bad?
Tools that read labels (registries, orchestrators, scanners) expect keys in reverse-DNS form
such as ``org.opencontainers.image.source``. Upper case, ``_`` or spaces make keys that other
tools spell differently, and the reserved namespaces belong to Docker itself.

## Example
```dockerfile
FROM alpine:3.20
LABEL Build_Date="2024-05-01"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.created="2024-05-01T00:00:00Z"
```

## How dockwise differs from hadolint
Keys are checked after variable expansion and quote removal, as BuildKit sets them
(``LABEL "${PREFIX}.version"=1`` is judged by its value, and not at all when ``PREFIX`` is
unknown), and each offending key is reported at its own position with the part of the format
it breaks. The labels Docker itself defines for Docker Desktop extensions
(``com.docker.desktop.extension.*``, ``com.docker.extension.*``) are not reported as using the
reserved namespace.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model

_RESERVED = ("com.docker.", "io.docker.", "org.dockerproject.")
#: Keys in a reserved namespace that Docker asks image authors to set: the metadata of Docker
#: Desktop extensions (``com.docker.desktop.extension.api.version``, ...).
_DOCKER_DEFINED = ("com.docker.desktop.extension.", "com.docker.extension.")
_BAD_CHAR_RE = re.compile(r"[^a-z0-9._/-]")


def key_problem(key: str) -> str | None:
    """What is wrong with label key ``key`` under Docker's key guidelines, or ``None``."""
    if not key:
        return "it is empty"
    bad = _BAD_CHAR_RE.search(key)
    if bad:
        return f"'{bad.group(0)}' is not a lower-case letter, digit, '.', '-', '_' or '/'"
    if not key[0].isalpha():
        return "it does not begin with a lower-case letter"
    if not key[-1].isalnum():
        return "it does not end with a lower-case letter or digit"
    if ".." in key or "--" in key:
        return "it has consecutive separators ('..' or '--')"
    for ns in _RESERVED:
        if key.startswith(ns) and not key.startswith(_DOCKER_DEFINED):
            return f"the '{ns}' namespace is reserved by Docker"
    return None


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each known LABEL key that breaks the key format."""
    for lp in model.labels():
        if not lp.key_known:
            continue
        problem = key_problem(lp.key)
        if problem is not None:
            yield Violation(lp.pair.key.span, f"label key '{lp.key}' is not a valid key: "
                            f"{problem}", lp.instruction)


RULE = Rule(
    id="DL3048",
    name="invalid-label-key",
    severity=Severity.STYLE,
    summary="Label keys should follow Docker's format (lower case, reverse-DNS style).",
    check=check,
    doc=__doc__ or "",
    tags=("labels",),
)
